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
