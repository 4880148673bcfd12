// Refreshes statistics baked into the page at build time with the worker's latest release (the
// same markup, rendered by the worker). Without this script the baked figures stay.
(function () {
  'use strict';
  // The latest cut-off a piece of markup shows (a town date, YYYY-MM-DD): later means newer.
  var cutoff = function (root) {
    var latest = '';
    root.querySelectorAll('[data-cutoff]').forEach(function (el) {
      var c = el.getAttribute('data-cutoff') || '';
      if (c > latest) latest = c;
    });
    return latest;
  };
  document.querySelectorAll('[data-stats-live]').forEach(function (box) {
    fetch(box.getAttribute('data-src'), { credentials: 'omit' })
      .then(function (res) {
        return res.ok ? res.text() : null;
      })
      .then(function (html) {
        if (!html) return;
        var fresh = document.createElement('div');
        fresh.innerHTML = html;
        if (cutoff(fresh) > cutoff(box)) box.innerHTML = html;
      })
      .catch(function () {
        /* offline: the baked figures stay */
      });
  });
})();
