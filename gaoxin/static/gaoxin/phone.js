/* Phones (≤ 576 px): fold the secondary sections. A <details class="phone-fold" open> is open
   on a wide screen (its summary hidden by gaoxin.css) and folded here, so the main picture of
   a page fits the first screens; charts inside redraw when unfolded (ECharts cannot measure a
   hidden box). */
(function () {
  if (!window.matchMedia("(max-width: 576px)").matches) return;
  document.querySelectorAll("details.phone-fold[open]").forEach((el) => el.removeAttribute("open"));
  document.addEventListener("toggle", (e) => {
    if (e.target.matches && e.target.matches("details.phone-fold") && e.target.open) {
      window.dispatchEvent(new Event("resize"));
    }
  }, true);
})();
