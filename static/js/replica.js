// The replica view: pages side by side in a scroll-snapped strip. Swipe and trackpads scroll it natively;
// this adds arrow keys, the buttons, a zoom toggle, the page counter and #page-N links.
(function () {
  "use strict";
  const strip = document.querySelector(".replica");
  if (!strip) return;
  const pages = Array.from(strip.querySelectorAll(".replica-page"));
  const counter = document.querySelector(".replica-current");
  const zoomButton = document.querySelector(".replica-zoom");
  let current = 0;

  function show(index, smooth) {
    current = Math.max(0, Math.min(pages.length - 1, index));
    pages[current].scrollIntoView({ behavior: smooth ? "smooth" : "auto", inline: "start", block: "nearest" });
  }

  const token = document.querySelector('meta[name="csrf-token"]');
  let saveTimer = null;
  function saveProgress(page) {
    if (!strip.dataset.progressEdition || !token) return;
    clearTimeout(saveTimer);
    saveTimer = setTimeout(() => fetch("/library/progress/", {
      method: "POST", keepalive: true, credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": token.content },
      body: JSON.stringify({ edition: Number(strip.dataset.progressEdition), page: page }),
    }), 1000);
  }

  function setCurrent(index) {
    current = index;
    counter.textContent = String(index + 1);
    history.replaceState(null, "", "#page-" + (index + 1));
    saveProgress(index + 1);
  }

  // Wide screens show two or more pages at once: the current page is the first one that is mostly in view.
  const inView = new Set();
  const observer = new IntersectionObserver(
    (entries) => {
      entries.forEach((entry) => {
        const index = pages.indexOf(entry.target);
        if (entry.isIntersecting && entry.intersectionRatio >= 0.5) inView.add(index);
        else inView.delete(index);
      });
      if (inView.size) setCurrent(Math.min(...inView));
    },
    { root: strip, threshold: [0.5] }
  );
  pages.forEach((page) => observer.observe(page));

  document.querySelector(".replica-prev").addEventListener("click", () => show(current - 1, true));
  document.querySelector(".replica-next").addEventListener("click", () => show(current + 1, true));

  function toggleZoom() {
    const zoomed = strip.classList.toggle("is-zoomed");
    zoomButton.setAttribute("aria-pressed", String(zoomed));
    show(current, false);
  }
  zoomButton.addEventListener("click", toggleZoom);
  strip.addEventListener("dblclick", toggleZoom);

  document.addEventListener("keydown", (event) => {
    if (event.target.closest("input, select, textarea") || event.altKey || event.ctrlKey || event.metaKey) return;
    const rtl = document.dir === "rtl";
    const forward = rtl ? "ArrowLeft" : "ArrowRight";
    const back = rtl ? "ArrowRight" : "ArrowLeft";
    if (event.key === forward || event.key === "PageDown") { show(current + 1, true); event.preventDefault(); }
    else if (event.key === back || event.key === "PageUp") { show(current - 1, true); event.preventDefault(); }
    else if (event.key === "Home") { show(0, true); event.preventDefault(); }
    else if (event.key === "End") { show(pages.length - 1, true); event.preventDefault(); }
    else if (event.key === "+" && !strip.classList.contains("is-zoomed")) { toggleZoom(); event.preventDefault(); }
    else if (event.key === "-" && strip.classList.contains("is-zoomed")) { toggleZoom(); event.preventDefault(); }
  });

  // A story's areas light up together, whichever of them the pointer or the keyboard is on.
  function light(slug, on) {
    strip.querySelectorAll('.replica-area[data-story="' + CSS.escape(slug) + '"]')
      .forEach((area) => area.classList.toggle("is-lit", on));
  }
  strip.querySelectorAll(".replica-area").forEach((area) => {
    ["mouseenter", "focus"].forEach((name) => area.addEventListener(name, () => light(area.dataset.story, true)));
    ["mouseleave", "blur"].forEach((name) => area.addEventListener(name, () => light(area.dataset.story, false)));
  });

  // Opened from a story's "See it on page N": its areas are marked, and the first of them takes the focus.
  const chosen = new URLSearchParams(location.search).get("story");
  const chosenAreas = chosen ? strip.querySelectorAll('.replica-area[data-story="' + CSS.escape(chosen) + '"]') : [];
  chosenAreas.forEach((area) => area.classList.add("is-chosen"));

  // #page-N opens that page; else, after a search in the edition, the first page the words are on.
  const match = /^#page-(\d+)$/.exec(location.hash);
  if (match) show(parseInt(match[1], 10) - 1, false);
  else if (strip.dataset.firstMark) show(parseInt(strip.dataset.firstMark, 10) - 1, false);
  // On load: the browser's own handling of the #page-N fragment would otherwise take the focus back.
  const firstChosen = Array.from(chosenAreas).find((area) => !area.hasAttribute("tabindex"));
  const focusStart = () => (firstChosen || strip).focus({ preventScroll: true });
  if (document.readyState === "complete") focusStart();
  else window.addEventListener("load", focusStart, { once: true });
})();
