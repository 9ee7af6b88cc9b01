// Behaviour shared by every page. No inline scripts: the Content-Security-Policy allows only files from 'self'.
document.addEventListener('htmx:configRequest', function (e) {
  // htmx requests carry the antiforgery token when the page has one.
  var token = document.querySelector('input[name="__RequestVerificationToken"]');
  if (token) e.detail.headers['X-CSRF-TOKEN'] = token.value;
});
document.addEventListener('htmx:afterRequest', function (e) {
  var el = e.detail.elt;
  if (el && el.hasAttribute('data-tree-toggle') && e.detail.successful) {
    el.closest('li').setAttribute('aria-expanded', 'true');
    el.disabled = true;
    el.textContent = '▾';
  }
});
document.addEventListener('click', function (e) {
  // Print buttons: <button data-print>.
  if (e.target instanceof Element && e.target.closest('[data-print]')) window.print();
});

// Region pickers (<region-picker>): type a name, pick from the caller's scope, or open the tree a level at a time.
// The hidden field carries the chosen code; typing without picking posts the text, which the page resolves.
(function () {
  function parts(el) {
    var box = el.closest('.region-picker');
    return box && { box: box, value: box.querySelector('[data-picker-value]'), text: box.querySelector('[data-picker-text]'), list: box.querySelector('[role=listbox]') };
  }
  function show(p, query) {
    var url = p.box.getAttribute('data-pick-url') + '&' + query;
    fetch(url, { headers: { 'Accept': 'text/html' } }).then(function (r) { return r.ok ? r.text() : ''; }).then(function (html) {
      p.list.innerHTML = html;
      p.list.hidden = false;
      p.text.setAttribute('aria-expanded', 'true');
      p.text.removeAttribute('aria-activedescendant');
    });
  }
  function hide(p) {
    p.list.hidden = true;
    p.text.setAttribute('aria-expanded', 'false');
    p.text.removeAttribute('aria-activedescendant');
  }
  function codes(p) { return p.value.value.split(/[,，、\s]+/).filter(function (c) { return c; }); }
  function choose(p, option) {
    var code = option.getAttribute('data-code'), name = option.getAttribute('data-name');
    if (p.box.getAttribute('data-multiple') === 'true') {
      var list = codes(p);
      if (list.indexOf(code) < 0) {
        list.push(code);
        var chip = document.createElement('span');
        chip.className = 'badge text-bg-light border fw-normal fs-6';
        chip.setAttribute('data-chip', code);
        chip.textContent = name + ' ';
        var remove = document.createElement('button');
        remove.type = 'button';
        remove.className = 'btn-close btn-close-sm align-middle';
        remove.setAttribute('data-remove', code);
        remove.setAttribute('aria-label', (p.box.getAttribute('data-remove-label') || '×') + ' ' + name);
        chip.appendChild(remove);
        p.box.querySelector('[data-picker-chips]').appendChild(chip);
      }
      p.value.value = list.join(', ');
      p.text.value = '';
    } else {
      p.value.value = code;
      p.text.value = name;
    }
    hide(p);
    p.value.dispatchEvent(new Event('change', { bubbles: true }));
  }
  var timer;
  document.addEventListener('input', function (e) {
    if (!(e.target instanceof Element) || !e.target.hasAttribute('data-picker-text')) return;
    var p = parts(e.target);
    if (p.box.getAttribute('data-multiple') !== 'true') p.value.value = p.text.value;
    clearTimeout(timer);
    timer = setTimeout(function () { show(p, 'q=' + encodeURIComponent(p.text.value.trim())); }, 200);
  });
  document.addEventListener('focusin', function (e) {
    if (e.target instanceof Element && e.target.hasAttribute('data-picker-text')) {
      var p = parts(e.target);
      var picked = p.box.getAttribute('data-multiple') !== 'true' && p.text.value && p.value.value !== p.text.value;
      if (p.list.hidden) show(p, picked ? '' : 'q=' + encodeURIComponent(p.text.value.trim()));
    }
  });
  document.addEventListener('focusout', function (e) {
    if (!(e.target instanceof Element) || !e.target.closest('.region-picker')) return;
    var p = parts(e.target);
    setTimeout(function () { if (!p.box.contains(document.activeElement)) hide(p); }, 150);
  });
  document.addEventListener('mousedown', function (e) {
    // Keep focus in the text box while a list item is clicked.
    if (e.target instanceof Element && e.target.closest('.region-picker [role=listbox]')) e.preventDefault();
  });
  document.addEventListener('click', function (e) {
    if (!(e.target instanceof Element)) return;
    var remove = e.target.closest('.region-picker [data-remove]');
    if (remove) {
      var rp = parts(remove), gone = remove.getAttribute('data-remove');
      rp.value.value = codes(rp).filter(function (c) { return c !== gone; }).join(', ');
      remove.closest('[data-chip]').remove();
      return;
    }
    var open = e.target.closest('.region-picker [data-open]');
    if (open) { show(parts(open), 'under=' + encodeURIComponent(open.getAttribute('data-open'))); return; }
    var option = e.target.closest('.region-picker [role=option][data-selectable=true]');
    if (option) choose(parts(option), option);
  });
  document.addEventListener('keydown', function (e) {
    if (!(e.target instanceof Element) || !e.target.hasAttribute('data-picker-text')) return;
    var p = parts(e.target);
    if (p.list.hidden) { if (e.key === 'ArrowDown') show(p, 'q=' + encodeURIComponent(p.text.value.trim())); return; }
    var options = Array.prototype.slice.call(p.list.querySelectorAll('[role=option][data-code]'));
    var current = p.list.querySelector('[aria-selected=true]');
    var i = options.indexOf(current);
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (current) { current.setAttribute('aria-selected', 'false'); current.classList.remove('active'); }
      var next = options[Math.max(0, Math.min(options.length - 1, i + (e.key === 'ArrowDown' ? 1 : -1)))];
      if (next) { next.setAttribute('aria-selected', 'true'); next.classList.add('active'); next.scrollIntoView({ block: 'nearest' }); p.text.setAttribute('aria-activedescendant', next.id); }
    } else if (e.key === 'ArrowRight' && current && current.querySelector('[data-open]')) {
      e.preventDefault();
      show(p, 'under=' + encodeURIComponent(current.getAttribute('data-code')));
    } else if (e.key === 'Enter' && current && current.getAttribute('data-selectable') === 'true') {
      e.preventDefault();
      choose(p, current);
    } else if (e.key === 'Escape') {
      hide(p);
    }
  });
})();

// An irreversible or destructive action asks first: the button (or its form) names the question in data-confirm.
document.addEventListener('submit', function (e) {
  var asker = (e.submitter && e.submitter.closest('[data-confirm]')) || e.target.closest('form[data-confirm]');
  var question = asker && asker.getAttribute('data-confirm');
  if (question && !window.confirm(question)) e.preventDefault();
});
