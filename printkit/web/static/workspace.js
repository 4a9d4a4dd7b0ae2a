// The campaign page: check the form and redraw the proofs a moment after each change.
"use strict";
(function () {
  const form = document.getElementById("campaign-form");
  const look = document.getElementById("look");
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const status = document.getElementById("check-status");
  const proofStatus = document.getElementById("proof-status");
  const DELAY = 600; // ms after the last keystroke
  let timer = null;
  let generation = 0;
  let controller = null;

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(refresh, DELAY);
  }

  function element(tag, className, text) {
    const made = document.createElement(tag);
    if (className) made.className = className;
    if (text !== undefined) made.textContent = text;
    return made;
  }

  function showProblems(result) {
    document.querySelectorAll("[data-problems-for]").forEach(function (slot) {
      const found = result.problems[slot.dataset.problemsFor] || [];
      slot.replaceChildren.apply(slot, found.map(function (text) {
        const line = element("p", "problem");
        line.append(element("span", "tag", "Problem:"), " " + text);
        return line;
      }));
      const field = slot.closest(".field");
      if (field) field.classList.toggle("has-problem", found.length > 0);
    });
    const general = document.getElementById("general-problems");
    general.replaceChildren();
    if (result.general.length) {
      const box = element("div", "problems");
      box.append(element("p", "", result.general.length + " problem(s) in the campaign:"));
      const list = element("ul");
      result.general.forEach(function (text) { list.append(element("li", "", text)); });
      box.append(list);
      general.append(box);
    }
    status.textContent = result.count
      ? result.count + " problem" + (result.count === 1 ? "" : "s") + " to put right before saving."
      : "No problems found.";
  }

  function lookQuery() {
    const params = new URLSearchParams(new FormData(look));
    for (const [key, value] of Array.from(params)) if (!value) params.delete(key);
    const text = params.toString();
    return text ? "?" + text : "";
  }

  function showProof(article, result, mine) {
    if (mine !== generation) return;
    const pages = article.querySelector(".pages");
    const warnings = article.querySelector(".warnings");
    const title = article.querySelector("h3").textContent;
    warnings.replaceChildren();
    if (result.error) {  // keep the last pictures, and say why they are not redrawn
      warnings.append(element("p", "problem", "Not redrawn until the campaign's problems are put right."));
      return;
    }
    (result.warnings || []).forEach(function (text) { warnings.append(element("p", "warning", text)); });
    article.querySelector("a.pdf").href = result.pdf;
    pages.replaceChildren.apply(pages, result.pages.map(function (url, index) {
      const image = element("img");
      image.src = url;
      image.alt = title + ", page " + (index + 1) + " of " + result.pages.length;
      return image;
    }));
  }

  async function proofs(draft, mine, signal) {
    const articles = Array.from(document.querySelectorAll("article.product"));
    let left = articles.length;
    proofStatus.textContent = "Drawing the proofs…";
    await Promise.all(articles.map(async function (article) {
      const url = "/proofs/" + draft + "/" + article.dataset.kind + lookQuery();
      try {
        const answer = await fetch(url, { signal: signal, headers: { Accept: "application/json" } });
        const result = await answer.json();
        showProof(article, answer.ok ? result : { error: [result.error || answer.statusText] }, mine);
      } catch (error) {
        if (error.name !== "AbortError") showProof(article, { error: [String(error)] }, mine);
      }
      left -= 1;
    }));
    if (mine === generation) proofStatus.textContent = "Proofs up to date.";
  }

  let lastDraft = null;
  async function refresh() {
    generation += 1;
    const mine = generation;
    if (controller) controller.abort();
    controller = new AbortController();
    const signal = controller.signal;
    try {
      const answer = await fetch("/draft", {
        method: "POST", body: new URLSearchParams(new FormData(form)), signal: signal,
        headers: { "X-CSRF-Token": csrf, Accept: "application/json" },
      });
      if (!answer.ok) { status.textContent = "Could not check the campaign: " + (await answer.text()); return; }
      const result = await answer.json();
      if (mine !== generation) return;
      showProblems(result);
      lastDraft = result.draft;
      await proofs(result.draft, mine, signal);
    } catch (error) {
      if (error.name !== "AbortError") status.textContent = "Could not check the campaign: " + error;
    }
  }

  form.addEventListener("input", schedule);
  form.addEventListener("change", schedule);
  look.addEventListener("change", function () {
    if (lastDraft) {
      generation += 1;
      if (controller) controller.abort();
      controller = new AbortController();
      proofs(lastDraft, generation, controller.signal);
    } else {
      refresh();
    }
  });
  refresh();
})();
