/* The lead board: a card dropped on another stage's column posts the move form; moving back,
   shelving or terminating asks for the reason (the form's data-reason-prompt). */
(function () {
  const form = document.getElementById("move-form");
  if (!form) return;
  let dragged = null;
  document.querySelectorAll(".lead-card").forEach(card => {
    card.addEventListener("dragstart", () => { dragged = card; });
  });
  document.querySelectorAll(".board-column").forEach(column => {
    column.addEventListener("dragover", e => e.preventDefault());
    column.addEventListener("drop", e => {
      e.preventDefault();
      if (!dragged) return;
      const to = column.dataset.stage, toRank = column.dataset.rank, fromRank = dragged.dataset.rank;
      const back = toRank !== "" && fromRank !== "" && Number(toRank) < Number(fromRank);
      const special = to === "shelved" || to === "terminated" || fromRank === "" ;
      let reason = "";
      if (back || special) {
        reason = window.prompt(form.dataset.reasonPrompt);
        if (!reason) return;
      }
      form.action = dragged.dataset.moveUrl;
      form.to_stage.value = to;
      form.reason.value = reason;
      form.submit();
    });
  });
})();
