// The proof of work of the mailbox, the query page and their follow-up and feedback forms
// (worker/cases/proof-of-work.ts). For each form marked data-proof, it asks the worker for a
// challenge bound to the form's client id and solves it in a Web Worker while the resident types;
// the answer goes in a hidden "proof" field. Sending waits for it (a few seconds at most), then
// goes anyway: without a proof the server takes the request within its hourly budget, as it does
// for a browser without JavaScript. A proof pays for one request only: once a form is sent, its
// proof is spent, and sending it again (a retry, the back button) waits for a new one, from a new
// challenge. Nothing here identifies anyone.
(function () {
  'use strict';
  var MAX_WAIT_MS = 20000;
  var solving = {};

  function idOf(form) {
    var field = form.elements.namedItem(form.dataset.proofId);
    return field && field.value ? field.value : '';
  }

  function field(form) {
    var input = form.querySelector('input[name="proof"]');
    if (!input) {
      input = document.createElement('input');
      input.type = 'hidden';
      input.name = 'proof';
      form.appendChild(input);
    }
    return input;
  }

  function solve(purpose, id) {
    var key = purpose + ':' + id;
    if (solving[key]) return solving[key];
    solving[key] = fetch('/api/challenge?purpose=' + encodeURIComponent(purpose) + '&id=' + encodeURIComponent(id), { cache: 'no-store' })
      .then(function (response) {
        if (!response.ok) throw new Error('no challenge');
        return response.json();
      })
      .then(function (answer) {
        return new Promise(function (resolve, reject) {
          var worker = new Worker('/scripts/proof-worker.js');
          worker.onmessage = function (event) {
            worker.terminate();
            resolve(event.data.proof);
          };
          worker.onerror = function () {
            worker.terminate();
            reject(new Error('worker failed'));
          };
          worker.postMessage({ challenge: answer.challenge });
        });
      });
    solving[key].catch(function () {
      delete solving[key];
    });
    return solving[key];
  }

  /** Resolves once the form carries a proof for its current client id, or after the longest wait. */
  function ready(form) {
    var id = idOf(form);
    if (!id) return Promise.resolve();
    var input = field(form);
    var timeout = new Promise(function (resolve) {
      setTimeout(resolve, MAX_WAIT_MS);
    });
    var solved = solve(form.dataset.proof, id).then(
      function (proof) {
        if (idOf(form) === id) input.value = proof;
      },
      function () {
        input.value = '';
      },
    );
    return Promise.race([solved, timeout]);
  }

  /**
   * Marks the form's proof as sent: the next send solves a new challenge. The field is emptied
   * after the current event, so a form being submitted natively still carries it.
   */
  function spend(form) {
    delete solving[form.dataset.proof + ':' + idOf(form)];
    var input = field(form);
    var sent = input.value;
    setTimeout(function () {
      if (input.value === sent) input.value = '';
    }, 0);
  }

  function start(form) {
    if (form.dataset.proofStarted === idOf(form)) return;
    form.dataset.proofStarted = idOf(form);
    ready(form);
    // The mailbox script sends its form itself, after ready(); other forms wait here.
    if (form.id === 'mailbox-form' || form.dataset.proofBound) return;
    form.dataset.proofBound = '1';
    form.addEventListener('submit', function (event) {
      // Another script sends this form itself once its own work is done (the committee's key on
      // sign-in); it waits for the proof through qinglianProofReady.
      if (form.dataset.proofExternal === '1') return;
      var input = field(form);
      if (input.value && input.value.indexOf('.' + idOf(form) + '.') > 0) {
        spend(form);
        return;
      }
      event.preventDefault();
      var button = form.querySelector('button[type="submit"]');
      if (button) {
        button.disabled = true;
        button.dataset.label = button.dataset.label || button.textContent;
        button.textContent = form.dataset.proofWait;
      }
      ready(form).then(function () {
        if (button) {
          button.disabled = false;
          button.textContent = button.dataset.label;
        }
        spend(form);
        HTMLFormElement.prototype.submit.call(form);
      });
    });
  }

  window.qinglianProofReady = ready;

  function scan() {
    if (!window.Worker || !window.crypto || !crypto.subtle) return;
    document.querySelectorAll('form[data-proof]').forEach(start);
  }

  window.QinglianProof = { ready: ready, scan: scan, spend: spend };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', scan);
  else scan();
})();
