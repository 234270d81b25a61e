/* The import page: only the chosen kind's options are shown (and sent: the others are disabled). */
(function () {
  function showOptions() {
    const kind = document.querySelector("input[name=kind]:checked")?.value;
    document.querySelectorAll(".import-options").forEach((box) => {
      const active = box.dataset.kind === kind;
      box.hidden = !active;
      box.querySelectorAll("input, select").forEach((input) => { input.disabled = !active; });
    });
  }
  document.querySelectorAll("input[name=kind]").forEach((radio) => radio.addEventListener("change", showOptions));
  showOptions();
})();
