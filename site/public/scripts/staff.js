// The staff console works without this script; it only adds a print button to the receipt slip.
(function () {
  'use strict';
  var slip = document.querySelector('.slip');
  if (!slip) return;
  var button = document.getElementById('print-receipt');
  if (button) {
    button.hidden = false;
    button.addEventListener('click', function () {
      window.print();
    });
  }
})();
