/* Phones (≤ 576 px): fold the secondary sections. A <details class="phone-fold" open> is open
   on a wide screen (its summary hidden by gaoxin.css) and folded here, so the main picture of
   a page fits the first screens; charts inside redraw when unfolded (ECharts cannot measure a
   hidden box). Turned to a wide screen (a phone in landscape), every fold opens again: its
   summary is hidden there. */
(function () {
  const phone = window.matchMedia("(max-width: 576px)");
  const folds = () => document.querySelectorAll("details.phone-fold");
  if (phone.matches) folds().forEach((el) => el.removeAttribute("open"));
  phone.addEventListener("change", (e) => {
    if (!e.matches) folds().forEach((el) => { el.open = true; });
  });
  document.addEventListener("toggle", (e) => {
    if (e.target.matches && e.target.matches("details.phone-fold") && e.target.open) {
      window.dispatchEvent(new Event("resize"));
    }
  }, true);
})();
