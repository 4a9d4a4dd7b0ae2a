// The supporters page: drag and drop, row previews, and runs with progress and cancel.
"use strict";
(function () {
  const csrf = document.querySelector('meta[name="csrf-token"]').content;

  const zone = document.getElementById("upload-form");
  const input = document.getElementById("file");
  ["dragenter", "dragover"].forEach(function (name) {
    zone.addEventListener(name, function (event) { event.preventDefault(); zone.classList.add("over"); });
  });
  ["dragleave", "drop"].forEach(function (name) {
    zone.addEventListener(name, function () { zone.classList.remove("over"); });
  });
  zone.addEventListener("drop", function (event) {
    event.preventDefault();
    if (!event.dataTransfer || !event.dataTransfer.files.length) return;
    input.files = event.dataTransfer.files;
    zone.requestSubmit();
  });

  const preview = document.getElementById("row-preview");
  document.querySelectorAll("a.preview").forEach(function (link) {
    link.addEventListener("click", async function (event) {
      event.preventDefault();
      const row = link.dataset.row;
      preview.replaceChildren(document.createTextNode("Drawing row " + row + "'s letter…"));
      const answer = await fetch("/supporters/rows/" + row, { headers: { Accept: "application/json" } });
      const result = await answer.json();
      const heading = document.createElement("h4");
      heading.textContent = "Row " + row + "'s letter";
      heading.tabIndex = -1;
      const images = (result.pages || []).map(function (url, index) {
        const image = document.createElement("img");
        image.src = url;
        image.alt = "Row " + row + "'s letter, page " + (index + 1) + " of " + result.pages.length;
        return image;
      });
      const problems = (result.error || []).map(function (text) {
        const line = document.createElement("p");
        line.className = "problem";
        line.textContent = text;
        return line;
      });
      preview.replaceChildren(heading, ...problems, ...images);
      heading.focus();
    });
  });

  const make = document.getElementById("make-form");
  if (!make) return;
  const progress = document.getElementById("progress");
  const bar = document.getElementById("progress-bar");
  const label = document.getElementById("progress-label");
  const status = document.getElementById("make-status");
  const cancel = document.getElementById("cancel");
  let running = null;

  make.addEventListener("submit", async function (event) {
    event.preventDefault();
    if (running) return;
    const body = new URLSearchParams(new FormData(make));
    body.set("kind", event.submitter.value);
    const answer = await fetch("/supporters/make", {
      method: "POST", body: body, headers: { "X-CSRF-Token": csrf, Accept: "application/json" },
    });
    if (!answer.ok) { status.textContent = "Nothing was made: " + (await answer.text()); return; }
    running = (await answer.json()).job;
    progress.hidden = false;
    bar.removeAttribute("value");
    status.textContent = "Making " + event.submitter.textContent + "…";
    follow(running);
  });

  async function follow(job) {
    while (running === job) {
      const answer = await fetch("/jobs/" + job, { headers: { Accept: "application/json" } });
      if (!answer.ok) { finish("The run was lost: try again."); return; }
      const state = await answer.json();
      if (state.total) { bar.max = state.total; bar.value = state.done; }
      label.textContent = (state.phase || "Making") + (state.total ? ": " + state.done + " of " + state.total : "…");
      if (state.state === "done") {
        finish("Done: " + state.summary);
        window.location.assign(state.download);
        return;
      }
      if (state.state !== "running") {
        finish("Nothing was made: " + (state.problems.join("; ") || state.state));
        return;
      }
      await new Promise(function (resolve) { setTimeout(resolve, 400); });
    }
  }

  function finish(text) {
    running = null;
    progress.hidden = true;
    status.textContent = text;
  }

  cancel.addEventListener("click", async function () {
    if (!running) return;
    const job = running;
    running = null;
    label.textContent = "Cancelling…";
    await fetch("/jobs/" + job + "/cancel", { method: "POST", headers: { "X-CSRF-Token": csrf } });
    finish("Cancelled: nothing was kept.");
  });
})();
