/* The header search box: "/" focuses it; the dropdown htmx fetches as one types is walked
   with ↑/↓, Enter opens the chosen hit (or the search page), Esc closes it. No inline
   script: the page's CSP will forbid it. */
(function () {
  "use strict";

  function parts() {
    const form = document.querySelector("[data-site-search]");
    if (!form) return null;
    return { form: form, input: form.querySelector("input[name=q]"), menu: form.querySelector(".site-search-results") };
  }

  function options(menu) {
    return Array.from(menu.querySelectorAll(".site-search-option"));
  }

  function isOpen(p) {
    return p.menu.classList.contains("show");
  }

  function setOpen(p, open) {
    p.menu.classList.toggle("show", open);
    p.input.setAttribute("aria-expanded", open ? "true" : "false");
    if (!open) setActive(p, -1);
  }

  function setActive(p, index) {
    const items = options(p.menu);
    items.forEach(function (item, i) {
      item.classList.toggle("active", i === index);
      item.setAttribute("aria-selected", i === index ? "true" : "false");
      if (!item.id) item.id = "site-search-option-" + i;
    });
    p.active = index;
    if (index >= 0 && items[index]) {
      p.input.setAttribute("aria-activedescendant", items[index].id);
      items[index].scrollIntoView({ block: "nearest" });
    } else {
      p.input.removeAttribute("aria-activedescendant");
    }
  }

  function onKey(p, event) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const items = options(p.menu);
      if (!items.length) return;
      if (!isOpen(p)) setOpen(p, true);
      const current = typeof p.active === "number" ? p.active : -1;
      const next = event.key === "ArrowDown" ? current + 1 : current - 1;
      setActive(p, next < -1 ? items.length - 1 : next >= items.length ? -1 : next);
    } else if (event.key === "Enter") {
      const items = options(p.menu);
      if (isOpen(p) && p.active >= 0 && items[p.active]) {
        event.preventDefault();
        window.location.assign(items[p.active].href);
      }
    } else if (event.key === "Escape") {
      if (isOpen(p)) {
        event.preventDefault();
        setOpen(p, false);
      } else {
        p.input.blur();
      }
    }
  }

  function typing(target) {
    return target.closest("input, textarea, select, [contenteditable=true], [contenteditable='']");
  }

  function init() {
    const p = parts();
    if (!p || !p.input || !p.menu) return;
    p.active = -1;
    p.input.addEventListener("keydown", function (event) { onKey(p, event); });
    p.input.addEventListener("focus", function () { if (options(p.menu).length || p.menu.textContent.trim()) setOpen(p, true); });
    p.menu.addEventListener("mousemove", function (event) {
      const item = event.target.closest(".site-search-option");
      if (item) setActive(p, options(p.menu).indexOf(item));
    });
    document.body.addEventListener("htmx:afterSwap", function (event) {
      if (event.detail.target !== p.menu) return;
      setOpen(p, p.menu.textContent.trim() !== "" && p.input.value.trim() !== "");
      setActive(p, -1);
    });
    document.addEventListener("click", function (event) {
      if (!p.form.contains(event.target)) setOpen(p, false);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "/" && !event.ctrlKey && !event.metaKey && !event.altKey && !typing(event.target)) {
        event.preventDefault();
        p.input.focus();
        p.input.select();
      }
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
