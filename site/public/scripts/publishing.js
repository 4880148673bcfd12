// The publishing console's drafting form works without this script (the server checks everything
// on submit). With it: the 文号 is checked as it is typed; text pasted from Word or WPS becomes
// Markdown with its headings, numbered articles and tables; and a .docx file is converted into
// the text in the browser. No library: a .docx is a ZIP read here with the browser's own
// DecompressionStream ('deflate-raw'); a browser without it is told to paste instead.
(function () {
  'use strict';
  var form = document.getElementById('document-form');
  if (!form) return;

  // 文号, as typed: the same rule as the server's (worker/publishing/model.ts DOC_NUMBER).
  var docNumber = document.getElementById('docNumber');
  var issued = document.getElementById('issued');
  var live = document.getElementById('docNumber-live');
  var pattern = null;
  try {
    pattern = new RegExp(form.getAttribute('data-doc-number'), 'u');
  } catch (e) {
    pattern = null;
  }
  function checkDocNumber() {
    if (!docNumber || !live || !pattern) return;
    var value = docNumber.value.trim();
    var message = '';
    var bad = false;
    if (value) {
      var m = pattern.exec(value);
      if (!m) {
        message = docNumber.getAttribute('data-error-format');
        bad = true;
      } else if (issued && /^\d{4}-\d{2}-\d{2}$/.test(issued.value) && issued.value.slice(0, 4) !== m[2]) {
        message = docNumber.getAttribute('data-error-year').replace('{year}', m[2]).replace('{issued}', issued.value);
        bad = true;
      } else {
        message = docNumber.getAttribute('data-ok');
      }
    }
    live.textContent = message;
    live.className = bad ? 'field-error' : 'hint';
    if (bad) docNumber.setAttribute('aria-invalid', 'true');
    else if (!document.getElementById('error-docNumber')) docNumber.removeAttribute('aria-invalid');
  }
  if (docNumber) {
    docNumber.addEventListener('input', checkDocNumber);
    if (issued) issued.addEventListener('input', checkDocNumber);
  }

  // Markdown from the structure of pasted HTML or of a .docx.
  function cellText(text) {
    return text.replace(/\s+/g, ' ').trim().replace(/\|/g, '\\|');
  }
  function table(rows) {
    rows = rows.filter(function (r) {
      return r.length > 0;
    });
    if (rows.length === 0) return '';
    var width = Math.max.apply(null, rows.map(function (r) {
      return r.length;
    }));
    var line = function (cells) {
      var out = [];
      for (var i = 0; i < width; i++) out.push(cellText(cells[i] || ''));
      return '| ' + out.join(' | ') + ' |';
    };
    var sep = [];
    for (var i = 0; i < width; i++) sep.push('---');
    return [line(rows[0]), '| ' + sep.join(' | ') + ' |'].concat(rows.slice(1).map(line)).join('\n');
  }
  function heading(level, text) {
    // The page's own title is the document's h1: the text's headings start one level down.
    return new Array(Math.min(level + 1, 6) + 1).join('#') + ' ' + text;
  }

  // Pasted HTML (Word, WPS, a web page): headings, paragraphs, numbered items, tables, bold.
  function inline(node) {
    var out = '';
    node.childNodes.forEach(function (child) {
      if (child.nodeType === 3) out += child.nodeValue.replace(/\s+/g, ' ');
      else if (child.nodeType === 1) {
        var tag = child.tagName.toLowerCase();
        var style = child.getAttribute('style') || '';
        if (/mso-list\s*:\s*ignore/i.test(style)) return; // Word's own "1." of a list item
        var text = inline(child);
        if ((tag === 'b' || tag === 'strong') && text.trim()) out += '**' + text.trim() + '**';
        else if ((tag === 'i' || tag === 'em') && text.trim()) out += '*' + text.trim() + '*';
        else if (tag === 'br') out += '\n';
        else out += text;
      }
    });
    return out;
  }
  function blocks(root) {
    var out = [];
    root.childNodes.forEach(function (node) {
      if (node.nodeType === 3) {
        if (node.nodeValue.trim()) out.push(node.nodeValue.trim());
        return;
      }
      if (node.nodeType !== 1) return;
      var tag = node.tagName.toLowerCase();
      var style = node.getAttribute('style') || '';
      var h = /^h([1-6])$/.exec(tag);
      if (h) out.push(heading(Number(h[1]), inline(node).trim()));
      else if (tag === 'table') {
        var rows = [];
        node.querySelectorAll('tr').forEach(function (tr) {
          var cells = [];
          tr.querySelectorAll('td,th').forEach(function (td) {
            cells.push(inline(td));
          });
          rows.push(cells);
        });
        out.push(table(rows));
      } else if (tag === 'ol' || tag === 'ul') {
        var items = [];
        node.querySelectorAll(':scope > li').forEach(function (li) {
          items.push((tag === 'ol' ? '1. ' : '- ') + inline(li).trim());
        });
        out.push(items.join('\n'));
      } else if (tag === 'p' || tag === 'li') {
        var text = inline(node).trim();
        if (!text) return;
        var cls = node.getAttribute('class') || '';
        var outline = /mso-outline-level\s*:\s*(\d)/i.exec(style);
        if (outline) out.push(heading(Number(outline[1]), text));
        else if (/MsoTitle/i.test(cls)) out.push(heading(1, text));
        else if (/mso-list/i.test(style) || /MsoListParagraph/i.test(cls)) out.push('1. ' + text);
        else out.push(text);
      } else out.push.apply(out, blocks(node));
    });
    return out.filter(function (b) {
      return b;
    });
  }
  /** Numbered items next to each other form one list. */
  function join(parts) {
    var out = '';
    parts.forEach(function (part, i) {
      if (i > 0) out += /^1\. /.test(part) && /^1\. /.test(parts[i - 1]) ? '\n' : '\n\n';
      out += part;
    });
    return out + '\n';
  }
  function htmlToMarkdown(html) {
    var doc = new DOMParser().parseFromString(html, 'text/html');
    return join(blocks(doc.body));
  }

  function insert(textarea, text) {
    var start = textarea.selectionStart || 0;
    var end = textarea.selectionEnd || 0;
    textarea.value = textarea.value.slice(0, start) + text + textarea.value.slice(end);
    textarea.selectionStart = textarea.selectionEnd = start + text.length;
    textarea.dispatchEvent(new Event('input', { bubbles: true }));
  }
  var bodyLive = document.getElementById('body-live');
  function say(text) {
    if (bodyLive) bodyLive.textContent = text;
  }
  ['body_zh', 'body_en'].forEach(function (id) {
    var area = document.getElementById(id);
    if (!area) return;
    area.addEventListener('paste', function (event) {
      var data = event.clipboardData;
      var html = data && data.getData('text/html');
      if (!html || !/<(h[1-6]|table|ol|ul|p)[\s>]/i.test(html)) return;
      event.preventDefault();
      insert(area, htmlToMarkdown(html));
      if (bodyLive) say(bodyLive.getAttribute('data-pasted'));
    });
  });

  // A .docx: word/document.xml out of the ZIP, then its paragraphs, headings, numbering and tables.
  var docx = document.getElementById('docx');
  var noscript = document.getElementById('docx-noscript');
  if (!docx || typeof DecompressionStream === 'undefined') return;
  docx.disabled = false;
  if (noscript) noscript.hidden = true;

  function u16(b, o) {
    return b[o] | (b[o + 1] << 8);
  }
  function u32(b, o) {
    return (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;
  }
  async function zipEntry(bytes, wanted) {
    // The end of central directory record, then the entry in the directory, then its data.
    var eocd = -1;
    for (var i = bytes.length - 22; i >= Math.max(0, bytes.length - 65557); i--) {
      if (u32(bytes, i) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw new Error('not a zip');
    var count = u16(bytes, eocd + 10);
    var at = u32(bytes, eocd + 16);
    var decoder = new TextDecoder();
    for (var n = 0; n < count; n++) {
      if (u32(bytes, at) !== 0x02014b50) throw new Error('bad directory');
      var method = u16(bytes, at + 10);
      var size = u32(bytes, at + 20);
      var nameLength = u16(bytes, at + 28);
      var extra = u16(bytes, at + 30);
      var comment = u16(bytes, at + 32);
      var local = u32(bytes, at + 42);
      var name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
      if (name === wanted) {
        var start = local + 30 + u16(bytes, local + 26) + u16(bytes, local + 28);
        var data = bytes.subarray(start, start + size);
        if (method === 0) return decoder.decode(data);
        if (method !== 8) throw new Error('unknown compression');
        var stream = new Blob([data]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
        return await new Response(stream).text();
      }
      at += 46 + nameLength + extra + comment;
    }
    throw new Error('no ' + wanted);
  }
  var W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
  function wAttr(el, name) {
    return el ? el.getAttributeNS(W, name) || el.getAttribute('w:' + name) : null;
  }
  function kids(el, name) {
    return Array.prototype.filter.call(el.childNodes, function (c) {
      return c.nodeType === 1 && c.localName === name;
    });
  }
  function runsText(p) {
    var out = '';
    Array.prototype.forEach.call(p.getElementsByTagNameNS(W, 'r'), function (r) {
      var text = '';
      Array.prototype.forEach.call(r.childNodes, function (c) {
        if (c.localName === 't') text += c.textContent;
        else if (c.localName === 'tab') text += ' ';
        else if (c.localName === 'br') text += '\n';
      });
      var rPr = kids(r, 'rPr')[0];
      var bold = rPr && kids(rPr, 'b').some(function (b) {
        var v = wAttr(b, 'val');
        return v === null || v === '' || v === 'true' || v === '1';
      });
      out += bold && text.trim() ? '**' + text.trim() + '**' : text;
    });
    return out.replace(/\*\*\*\*/g, '');
  }
  function paragraph(p) {
    var text = runsText(p).trim();
    if (!text) return '';
    var pPr = kids(p, 'pPr')[0];
    var style = pPr && kids(pPr, 'pStyle')[0] ? wAttr(kids(pPr, 'pStyle')[0], 'val') || '' : '';
    var outline = pPr && kids(pPr, 'outlineLvl')[0] ? Number(wAttr(kids(pPr, 'outlineLvl')[0], 'val')) : NaN;
    var level = /^(?:heading|标题)\s*(\d)$/i.exec(style) || /^(\d)$/.exec(style);
    if (/^title$/i.test(style)) return heading(1, text);
    if (level) return heading(Number(level[1]), text);
    if (!Number.isNaN(outline) && outline < 9) return heading(outline + 1, text);
    if (pPr && kids(pPr, 'numPr').length > 0) return '1. ' + text;
    return text;
  }
  function docxToMarkdown(xml) {
    var doc = new DOMParser().parseFromString(xml, 'application/xml');
    var body = doc.getElementsByTagNameNS(W, 'body')[0];
    if (!body) throw new Error('no body');
    var parts = [];
    // Paragraphs and tables, in their order.
    Array.prototype.forEach.call(body.childNodes, function (node) {
      if (node.localName === 'p') parts.push(paragraph(node));
      else if (node.localName === 'tbl') {
        parts.push(
          table(
            kids(node, 'tr').map(function (tr) {
              return kids(tr, 'tc').map(function (tc) {
                return kids(tc, 'p').map(runsText).join(' ');
              });
            }),
          ),
        );
      }
    });
    return join(parts.filter(function (p) {
      return p;
    }));
  }
  docx.addEventListener('change', async function () {
    var file = docx.files && docx.files[0];
    if (!file) return;
    var area = document.getElementById('body_zh');
    try {
      var xml = await zipEntry(new Uint8Array(await file.arrayBuffer()), 'word/document.xml');
      area.value = docxToMarkdown(xml);
      area.dispatchEvent(new Event('input', { bubbles: true }));
      say(docx.getAttribute('data-done').replace('{name}', file.name));
    } catch (e) {
      say(docx.getAttribute('data-failed'));
    }
  });
})();
