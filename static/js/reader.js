// Reading comfort, kept in this browser: text size and dark mode; and "Listen" on a story page, read aloud by
// the browser's own speech synthesis in the story's language.
(function () {
  "use strict";
  const root = document.documentElement;
  const SIZES = [0.9, 1, 1.12, 1.25, 1.4];

  function stored(key, fallback) {
    try { return localStorage.getItem(key) ?? fallback; } catch (error) { return fallback; }
  }
  function store(key, value) {
    try { localStorage.setItem(key, value); } catch (error) { /* private mode: the choice lasts this page */ }
  }

  function applySize(index) {
    root.style.setProperty("--text-scale", String(SIZES[index]));
    document.querySelectorAll("[data-text-size]").forEach((button) => {
      const step = Number(button.dataset.textSize);
      button.disabled = index + step < 0 || index + step >= SIZES.length;
    });
  }
  let sizeIndex = Math.min(SIZES.length - 1, Math.max(0, Number(stored("newsstand:text-size", "1"))));
  applySize(sizeIndex);
  document.querySelectorAll("[data-text-size]").forEach((button) => {
    button.addEventListener("click", () => {
      sizeIndex = Math.min(SIZES.length - 1, Math.max(0, sizeIndex + Number(button.dataset.textSize)));
      store("newsstand:text-size", String(sizeIndex));
      applySize(sizeIndex);
    });
  });

  const themeButton = document.querySelector("[data-theme-toggle]");
  function applyTheme(theme) {
    if (theme) root.dataset.theme = theme; else delete root.dataset.theme;
    const dark = theme ? theme === "dark" : matchMedia("(prefers-color-scheme: dark)").matches;
    if (themeButton) themeButton.setAttribute("aria-pressed", String(dark));
  }
  applyTheme(stored("newsstand:theme", ""));
  if (themeButton) {
    themeButton.addEventListener("click", () => {
      const dark = themeButton.getAttribute("aria-pressed") === "true";
      const theme = dark ? "light" : "dark";
      store("newsstand:theme", theme);
      applyTheme(theme);
    });
  }

  const listen = document.querySelector("[data-listen]");
  if (listen) {
    if (!("speechSynthesis" in window)) {
      listen.hidden = true;
    } else {
      listen.hidden = false;
      const label = listen.textContent;
      listen.addEventListener("click", () => {
        if (speechSynthesis.speaking) {
          speechSynthesis.cancel();
          listen.textContent = label;
          listen.setAttribute("aria-pressed", "false");
          return;
        }
        const article = document.querySelector(listen.dataset.listen);
        const parts = article.querySelectorAll(".story__headline, .story__standfirst, .story__body p, .story__body h2");
        const utterance = new SpeechSynthesisUtterance(Array.from(parts, (node) => node.textContent).join("\n\n"));
        utterance.lang = article.lang;
        utterance.onend = () => { listen.textContent = label; listen.setAttribute("aria-pressed", "false"); };
        speechSynthesis.speak(utterance);
        listen.textContent = listen.dataset.stopLabel;
        listen.setAttribute("aria-pressed", "true");
      });
    }
  }
})();

// Where the reader is, kept on the server for "continue reading" on any device (signed-in readers only: the
// page carries data-progress-* then).
(function () {
  "use strict";
  const token = document.querySelector('meta[name="csrf-token"]');
  const story = document.querySelector("[data-progress-story]");
  if (!story || !token) return;
  let last = -1;
  function send() {
    const rect = story.getBoundingClientRect();
    const position = Math.min(1, Math.max(0, (window.innerHeight - rect.top) / rect.height));
    if (Math.abs(position - last) < 0.05) return;
    last = position;
    fetch("/library/progress/", {
      method: "POST", keepalive: true, credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": token.content },
      body: JSON.stringify({ story: Number(story.dataset.progressStory), position: position }),
    });
  }
  let timer = null;
  window.addEventListener("scroll", () => { clearTimeout(timer); timer = setTimeout(send, 1500); }, { passive: true });
  window.addEventListener("pagehide", send);
  setTimeout(send, 3000);
})();
