// The admin's "Reading the PDF" line: while the worker runs, ask every two seconds how far it got; when it is
// done, reload so the new pages and stories show.
(function () {
  for (const box of document.querySelectorAll(".ingestion-progress[data-active='1']")) {
    const bar = box.querySelector("progress");
    const text = box.querySelector("span");
    const poll = async () => {
      const response = await fetch(box.dataset.url, { credentials: "same-origin" });
      if (!response.ok) return;
      const data = await response.json();
      bar.max = data.pages_total || 1;
      bar.value = data.pages_done;
      text.textContent = data.summary;
      if (data.active) setTimeout(poll, 2000);
      else window.location.reload();
    };
    setTimeout(poll, 2000);
  }
})();
