/* Small behaviours declared in the markup, so that no template needs an inline script or an
   on…= handler (the Content-Security-Policy allows scripts from this site's files only):
   - data-autosubmit on a field: a change submits its form (a year picker, a date);
   - data-confirm="…" on a form: submitting asks first, and a "no" stops it;
   - data-history-back on a link: goes back a page when there is one (else follows href);
   - data-print on a button: prints the page (the 扫码出图 page as one A4 sheet). */
(function () {
  "use strict";

  document.addEventListener("change", function (event) {
    const field = event.target;
    if (field.matches && field.matches("[data-autosubmit]") && field.form) field.form.submit();
  });

  document.addEventListener("submit", function (event) {
    const form = event.target;
    const question = form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) event.preventDefault();
  }, true);

  document.addEventListener("click", function (event) {
    const link = event.target.closest && event.target.closest("a[data-history-back]");
    if (link && window.history.length > 1) {
      event.preventDefault();
      window.history.back();
    }
    const printer = event.target.closest && event.target.closest("[data-print]");
    if (printer) window.print();
  });
})();
