// Small behaviours without inline scripts (the CSP forbids them).
document.addEventListener("change", (event) => {
  const target = event.target;
  if (target instanceof HTMLSelectElement && target.dataset.autosubmit !== undefined) {
    target.form.submit();
  }
});

// Keyboard shortcut: Alt+N opens "new consultation" wherever a link marks it.
document.addEventListener("keydown", (event) => {
  if (event.altKey && (event.key === "n" || event.key === "N")) {
    const link = document.querySelector("[data-shortcut='new-consultation']");
    if (link) {
      event.preventDefault();
      link.click();
    }
  }
});

// Choosing a person from the search-as-you-type list: a single pick fills the
// hidden "person" field; in a multi pick (clients) each choice adds a hidden input.
document.addEventListener("click", (event) => {
  const pick = event.target.closest("button.pick");
  if (pick) {
    const fieldset = pick.closest("fieldset.person-pick");
    const id = pick.dataset.personId;
    const name = pick.dataset.personName;
    if (fieldset.dataset.multi !== undefined) {
      const chosen = fieldset.querySelector("#chosen-clients");
      if (!chosen.querySelector(`input[value="${id}"]`)) {
        const tag = document.createElement("span");
        tag.className = "tag chosen-person";
        const input = document.createElement("input");
        input.type = "hidden";
        input.name = "clients";
        input.value = id;
        const remove = document.createElement("button");
        remove.type = "button";
        remove.className = "link";
        remove.dataset.removeChosen = "";
        remove.textContent = "×";
        tag.append(input, name + " ", remove);
        chosen.append(tag, " ");
      }
    } else {
      fieldset.querySelector("input[name='person']").value = id;
      fieldset.querySelector("#person-matches").textContent = "✓ " + name;
    }
    fieldset.querySelector("input[type='search']").value = "";
    event.preventDefault();
    return;
  }
  const remove = event.target.closest("[data-remove-chosen]");
  if (remove) {
    remove.closest(".chosen-person").remove();
  }
});
