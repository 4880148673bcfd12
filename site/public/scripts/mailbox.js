// Enhances the mass mailbox form and its receipt. Without this script both work as plain HTML.
// - inline errors before sending, in the page's language (messages come from the form);
// - sends in the background and swaps in the answer; on a network failure keeps every word
//   and offers a retry with the same submission id, so a retry never makes a second case;
// - keeps a draft in sessionStorage (this tab only, gone when it closes) and drops it once sent;
// - on the receipt, asks before the page is left or reloaded while the code is not saved;
// - opens the case from the receipt without the code in an address, Back returning to the receipt.
(function () {
  'use strict';
  var DRAFT_KEY = 'qinglian:mailbox-draft:' + location.pathname;
  var MOBILE = /^1[3-9]\d{9}$/;
  var LANDLINE = /^0\d{2,3}\d{7,8}$/;

  // Zero-width characters count for nothing, as on the server (a browser without Unicode
  // property escapes leaves out the common ones).
  var INVISIBLE = (function () {
    try {
      return new RegExp('\\p{Default_Ignorable_Code_Point}', 'gu');
    } catch (e) {
      return /[\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]/g;
    }
  })();

  function chars(text) {
    return Array.from(text.replace(INVISIBLE, '').trim()).length;
  }
  function fill(template, n) {
    return template.replace('{n}', String(n));
  }

  function saveDraft(form) {
    var data = {};
    new FormData(form).forEach(function (value, name) {
      // An earlier case's query code is never kept, not even in this tab; photos are not kept either.
      if (name !== 'proof' && name !== 'earlierCode' && typeof value === 'string') data[name] = value;
    });
    try {
      sessionStorage.setItem(DRAFT_KEY, JSON.stringify(data));
    } catch (e) {
      /* storage full or disabled: the text stays in the page */
    }
  }
  function dropDraft() {
    try {
      sessionStorage.removeItem(DRAFT_KEY);
    } catch (e) {}
  }
  function restoreDraft(form, messages) {
    var raw;
    try {
      raw = sessionStorage.getItem(DRAFT_KEY);
    } catch (e) {
      return;
    }
    // Only a fresh form is filled from the draft: an answer with errors already holds the text,
    // and one with a notice may carry a new submission id that the draft must not overwrite.
    if (!raw || document.querySelector('main [aria-invalid="true"], main .notice-error:not([hidden])')) return;
    var data = JSON.parse(raw);
    var restored = false;
    Object.keys(data).forEach(function (name) {
      var fields = form.elements.namedItem(name);
      if (!fields || !data[name]) return;
      if (fields instanceof RadioNodeList) {
        fields.forEach(function (radio) {
          radio.checked = radio.value === data[name];
        });
      } else if (fields.type === 'checkbox') {
        fields.checked = fields.value === data[name];
      } else {
        if (name !== 'submissionId' && name !== 'identity' && fields.value !== data[name]) restored = true;
        fields.value = data[name];
      }
    });
    if (restored) showNotice(form, messages.restored, 'notice-ok');
  }

  function showNotice(form, text, kind) {
    var box = form.querySelector('#offline');
    box.className = 'offline notice ' + kind;
    box.textContent = text;
    box.hidden = false;
    return box;
  }

  // Each failed attempt says so anew (how many, and when), so pressing "Retry" while still
  // offline visibly does something; the retry button stays where it was, and keeps the focus.
  function showOffline(form, messages, state, retry) {
    state.failures += 1;
    var text =
      state.failures === 1
        ? messages.offline
        : messages.offlineAgain.replace('{n}', String(state.failures)).replace('{time}', new Date().toLocaleTimeString(document.documentElement.lang));
    var box = form.querySelector('#offline');
    var line = box.querySelector('.offline-text');
    var button = box.querySelector('#retry');
    if (!line || !button) {
      box = showNotice(form, '', 'notice-error');
      line = document.createElement('span');
      line.className = 'offline-text';
      box.appendChild(line);
      button = document.createElement('button');
      button.type = 'button';
      button.className = 'button';
      button.id = 'retry';
      button.textContent = messages.retry;
      button.addEventListener('click', function () {
        if (button.getAttribute('aria-disabled') !== 'true') retry();
      });
      box.appendChild(button);
    }
    line.textContent = text;
    button.removeAttribute('aria-disabled');
    button.textContent = messages.retry;
  }

  function setError(form, field, message) {
    var wrapper = form.querySelector('#field-' + field);
    if (!wrapper) return;
    var line = wrapper.querySelector(':scope > .field-error');
    var control = wrapper.tagName === 'FIELDSET' ? wrapper : wrapper.querySelector('input, select, textarea');
    if (message) {
      if (!line) {
        line = document.createElement('p');
        line.className = 'field-error';
        line.id = 'error-' + field;
        wrapper.appendChild(line);
      }
      line.textContent = message;
      control.setAttribute('aria-invalid', 'true');
      var described = (control.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
      if (described.indexOf(line.id) < 0) described.push(line.id);
      control.setAttribute('aria-describedby', described.join(' '));
    } else {
      if (line) line.remove();
      control.removeAttribute('aria-invalid');
    }
  }

  function check(form, messages) {
    var f = form.elements;
    var errors = {};
    var limits = function (el) {
      return { min: Number(el.getAttribute('minlength')), max: Number(el.getAttribute('maxlength')) };
    };
    if (!f.village.value) errors.village = messages['village.required'];
    if (!f.category.value) errors.category = messages['category.required'];
    ['subject', 'description'].forEach(function (name) {
      var n = chars(f[name].value);
      var l = limits(f[name]);
      if (n === 0) errors[name] = messages[name + '.required'];
      else if (n < l.min) errors[name] = fill(messages[name + '.tooShort'], n);
      else if (n > l.max) errors[name] = fill(messages[name + '.tooLong'], n);
    });
    if (!f.identity.value) errors.identity = messages['identity.required'];
    if (f.identity.value === 'named') {
      if (!f.name.value.trim()) errors.name = messages['name.required'];
      var phone = f.phone.value.replace(/[\s-]/g, '');
      if (!phone) errors.phone = messages['phone.required'];
      else if (!MOBILE.test(phone) && !LANDLINE.test(phone)) errors.phone = messages['phone.invalid'];
    }
    ['village', 'category', 'subject', 'description', 'identity', 'name', 'phone'].forEach(function (name) {
      setError(form, name, errors[name]);
    });
    return Object.keys(errors);
  }

  function swapIn(html) {
    var doc = new DOMParser().parseFromString(html, 'text/html');
    var main = doc.querySelector('main');
    if (!main) throw new Error('no page in answer');
    document.querySelector('main').innerHTML = main.innerHTML;
    document.title = doc.title;
    window.scrollTo(0, 0);
    init();
  }

  function send(form, messages, state) {
    var button = form.querySelector('button[type="submit"]');
    button.disabled = true;
    button.dataset.label = button.dataset.label || button.textContent;
    button.textContent = messages.sending;
    var retry = form.querySelector('#retry');
    // Marked busy rather than disabled, so the focus stays on it for the next try.
    if (retry) {
      retry.setAttribute('aria-disabled', 'true');
      retry.textContent = messages.sending;
    } else form.querySelector('#offline').hidden = true;
    // Photos (shrunk by mailbox-photos.js, once it is done with them) go as a multipart form; text alone as before.
    var photos = window.QinglianPhotos;
    var proof = window.QinglianProof;
    (photos ? photos.ready() : Promise.resolve())
      .then(function () {
        var data = new FormData(form);
        var files = data.getAll('photos').filter(function (f) {
          return typeof f !== 'string' && f.size > 0;
        });
        data.delete('photos');
        files.forEach(function (f) {
          data.append('photos', f);
        });
        var init = { method: 'POST', body: files.length ? data : new URLSearchParams(data), credentials: 'same-origin', cache: 'no-store' };
        if (!files.length) init.headers = { 'Content-Type': 'application/x-www-form-urlencoded' };
        // A proof pays once: a retry waits for a new one (proof.js), or goes within the hourly budget.
        if (proof && proof.spend) proof.spend(form);
        return fetch(form.action, init);
      })
      .then(function (response) {
        return response.text().then(function (html) {
          if (response.status === 200 || response.status === 201) dropDraft();
          swapIn(html);
        });
      })
      .catch(function () {
        button.disabled = false;
        button.textContent = button.dataset.label;
        showOffline(form, messages, state, function () {
          if (!proof) return send(form, messages, state);
          var again = form.querySelector('#retry');
          if (again) {
            again.setAttribute('aria-disabled', 'true');
            again.textContent = messages.sending;
          }
          proof.ready(form).then(function () {
            send(form, messages, state);
          });
        });
      });
  }

  function initForm(form) {
    var messages = JSON.parse(form.dataset.messages);
    var named = form.querySelector('#named-fields');
    var counter = form.querySelector('#counter-description');
    var description = form.elements.description;
    var sync = function () {
      named.hidden = form.elements.identity.value !== 'named';
      // Parts that belong to some categories only (the 打击报复 link, "concerns the village's
      // officers"): out of the way, and not sent, while another category is chosen.
      var category = form.elements.category.value;
      form.querySelectorAll('[data-for-categories]').forEach(function (part) {
        var off = part.getAttribute('data-for-categories').split(' ').indexOf(category) < 0 && (category !== '' || part.hasAttribute('data-needs-category'));
        if (off && (part.matches('[aria-invalid="true"]') || part.querySelector('[aria-invalid="true"]'))) off = false;
        part.hidden = off;
        part.querySelectorAll('input').forEach(function (input) {
          input.disabled = off;
        });
      });
      counter.hidden = false;
      counter.textContent = fill(messages.count, chars(description.value));
      // "It is about the town discipline committee": the county's channels at once; the form, if
      // sent, is not taken (the worker stores nothing and answers with the same channels).
      var county = form.elements.concernsCommittee;
      var inline = form.querySelector('#county-inline');
      if (county && inline) inline.hidden = !county.checked;
    };
    var state = { failures: 0 };
    restoreDraft(form, messages);
    // The draft may have brought back its own submission id: solve for the id the form now has.
    if (window.QinglianProof) window.QinglianProof.scan();
    sync();
    var touched = false;
    form.addEventListener('input', function (event) {
      var asIs = form.querySelector('input[type="hidden"][name="anonymousAsIs"]');
      if (asIs && event.target && (event.target.name === 'subject' || event.target.name === 'description')) asIs.remove();
      sync();
      saveDraft(form);
      if (touched) check(form, messages);
    });
    form.addEventListener('change', sync);
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      // Not taken by the town at all: sent as it is, with no checks and no proof of work, for the
      // worker's answer (nothing stored, the county's channels).
      if (form.elements.concernsCommittee && form.elements.concernsCommittee.checked) return send(form, messages, state);
      touched = true;
      var bad = check(form, messages);
      if (bad.length > 0) {
        var first = form.querySelector('#field-' + bad[0] + ' input, #field-' + bad[0] + ' select, #field-' + bad[0] + ' textarea');
        if (first) first.focus();
        return;
      }
      if (askAnonymous(form, messages, proceed)) return;
      proceed();
    });
    function proceed() {
      saveDraft(form);
      // The proof of work (proof.js) has usually been solved while the resident typed.
      var button = form.querySelector('button[type="submit"]');
      var proof = window.QinglianProof;
      if (!proof) return send(form, messages, state);
      button.disabled = true;
      button.dataset.label = button.dataset.label || button.textContent;
      button.textContent = form.dataset.proofWait;
      proof.ready(form).then(function () {
        send(form, messages, state);
      });
    }
  }

  // Anonymous, yet the text may tell the village who wrote it (a phone number, 我叫王秀英): the
  // same check the worker runs (anonymous-check.js) finds it here, before anything is sent, and
  // the resident decides: edit it, or send it as it is. Nothing is changed for them.
  function askAnonymous(form, messages, proceed) {
    var finder = window.QinglianAnonymousCheck;
    var f = form.elements;
    if (!finder || f.identity.value !== 'anonymous') return false;
    var asIs = f.namedItem('anonymousAsIs');
    if (asIs && (asIs.type === 'hidden' || asIs.checked)) return false;
    var found;
    try {
      found = finder.find(f.subject.value, f.description.value);
    } catch (e) {
      return false;
    }
    if (!found.length) return false;
    var old = form.querySelector('#anonymous-check');
    if (old) old.remove();
    var box = document.createElement('div');
    box.className = 'notice notice-warning';
    box.id = 'anonymous-check';
    box.setAttribute('role', 'alert');
    var question = document.createElement('p');
    question.tabIndex = -1;
    var strong = document.createElement('strong');
    strong.textContent = messages['anonymous.question'];
    question.appendChild(strong);
    box.appendChild(question);
    var lead = document.createElement('p');
    lead.textContent = messages['anonymous.found'];
    box.appendChild(lead);
    var list = document.createElement('ul');
    found.forEach(function (finding) {
      var item = document.createElement('li');
      item.textContent = messages['anonymous.item']
        .replace('{field}', messages['anonymous.field.' + finding.field])
        .replace('{kind}', messages['anonymous.kind.' + finding.kind])
        .replace('{text}', finding.text);
      list.appendChild(item);
    });
    box.appendChild(list);
    var actions = document.createElement('p');
    var edit = document.createElement('button');
    edit.type = 'button';
    edit.className = 'button primary';
    edit.id = 'anonymous-edit';
    edit.textContent = messages['anonymous.edit'];
    var send = document.createElement('button');
    send.type = 'button';
    send.className = 'button';
    send.id = 'anonymous-send';
    send.textContent = messages['anonymous.send'];
    actions.appendChild(edit);
    actions.appendChild(document.createTextNode(' '));
    actions.appendChild(send);
    box.appendChild(actions);
    form.insertBefore(box, form.querySelector('#field-concernsCommittee'));
    question.focus();
    edit.addEventListener('click', function () {
      box.remove();
      var field = f[found[0].field];
      field.focus();
      var at = field.value.indexOf(found[0].text);
      if (at >= 0 && field.setSelectionRange) field.setSelectionRange(at, at + found[0].text.length);
    });
    send.addEventListener('click', function () {
      box.remove();
      var input = document.createElement('input');
      input.type = 'hidden';
      input.name = 'anonymousAsIs';
      input.value = 'yes';
      form.appendChild(input);
      proceed();
    });
    return true;
  }

  // Until "I have saved my code", leaving or reloading the receipt asks first: the page came from
  // a background request, so reloading it shows an empty form and the code is gone.
  function keepUntilSaved(event) {
    event.preventDefault();
    event.returnValue = '';
  }

  // "I have saved my code": forget the draft of every form of the mailbox in this tab, take the
  // code off the page, and leave it without a history entry to come back to.
  function initSaved() {
    var form = document.getElementById('code-saved-form');
    if (!form) return;
    if (document.getElementById('query-code')) window.addEventListener('beforeunload', keepUntilSaved);
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      window.removeEventListener('beforeunload', keepUntilSaved);
      try {
        Object.keys(sessionStorage)
          .filter(function (key) {
            return key.indexOf('qinglian:') === 0;
          })
          .forEach(function (key) {
            sessionStorage.removeItem(key);
          });
      } catch (e) {}
      var block = document.getElementById('code-block');
      if (block) block.remove();
      location.replace(form.action);
    });
  }

  // "去查询办理进度": the code the receipt holds is posted to the query page in the background, so
  // it enters no address and no "leave page?" is asked; the case comes in the receipt's place
  // under a history entry of its own, and Back brings the receipt (still in this page) back.
  var receiptHtml = null;
  var caseHtml = null;
  var sent = false;
  function showMain(html, title) {
    document.querySelector('main').innerHTML = html;
    document.title = title;
    window.scrollTo(0, 0);
  }
  window.addEventListener('popstate', function (event) {
    var state = event.state && event.state.qinglian;
    if (state === 'receipt' && receiptHtml) {
      showMain(receiptHtml.main, receiptHtml.title);
      init();
    } else if (state === 'case' && caseHtml) {
      window.removeEventListener('beforeunload', keepUntilSaved);
      showMain(caseHtml.main, caseHtml.title);
      if (window.QinglianProof) window.QinglianProof.scan();
    }
  });
  function initTrackCase() {
    var form = document.getElementById('track-case-form');
    if (!form || !window.fetch || !history.pushState) return;
    form.dataset.proofExternal = '1';
    var proof = window.QinglianProof;
    if (proof) proof.scan();
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var button = form.querySelector('button[type="submit"]');
      if (button.disabled) return;
      button.disabled = true;
      // Each lookup its own client id (and proof): the receipt may be come back to and used again.
      if (sent && window.crypto && crypto.getRandomValues) {
        var bytes = crypto.getRandomValues(new Uint8Array(16));
        form.elements.clientId.value = btoa(String.fromCharCode.apply(null, bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
      }
      sent = true;
      var leave = function () {
        // Not reached in the background: the browser posts the form itself.
        window.removeEventListener('beforeunload', keepUntilSaved);
        HTMLFormElement.prototype.submit.call(form);
      };
      (proof ? proof.ready(form) : Promise.resolve())
        .then(function () {
          var body = new URLSearchParams(new FormData(form));
          if (proof) proof.spend(form);
          return fetch(form.action, {
            method: 'POST',
            headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
            body: body,
            credentials: 'same-origin',
            cache: 'no-store',
          });
        })
        .then(function (response) {
          return response.text();
        })
        .then(function (html) {
          var doc = new DOMParser().parseFromString(html, 'text/html');
          var main = doc.querySelector('main');
          if (!main) return leave();
          button.disabled = false;
          receiptHtml = { main: document.querySelector('main').innerHTML, title: document.title };
          caseHtml = { main: main.innerHTML, title: doc.title };
          window.removeEventListener('beforeunload', keepUntilSaved);
          history.replaceState({ qinglian: 'receipt' }, '');
          history.pushState({ qinglian: 'case' }, '', form.action);
          showMain(caseHtml.main, caseHtml.title);
          if (proof) proof.scan();
        })
        .catch(leave);
    });
  }

  function initReceipt() {
    initSaved();
    initTrackCase();
    var code = document.getElementById('query-code');
    if (!code) return;
    dropDraft();
    var copy = document.getElementById('copy-code');
    var print = document.getElementById('print-receipt');
    // Each button shows only where it works: copying needs the clipboard, which a browser may refuse.
    if (navigator.clipboard && navigator.clipboard.writeText) {
      copy.hidden = false;
      copy.addEventListener('click', function () {
        navigator.clipboard.writeText(code.textContent.trim()).then(
          function () {
            copy.textContent = copy.dataset.copied;
          },
          function () {
            copy.hidden = true;
          },
        );
      });
    }
    print.hidden = false;
    print.addEventListener('click', function () {
      window.print();
    });
  }

  function init() {
    var form = document.getElementById('mailbox-form');
    if (form) initForm(form);
    initReceipt();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
