// Death-penalty world map: the year slider shows its value while moving and
// loads the chosen year when released (without JavaScript, press "Show").
document.addEventListener("input", (event) => {
  const slider = event.target;
  if (slider instanceof HTMLInputElement && slider.dataset.yearSlider !== undefined) {
    const output = document.getElementById("year-output");
    if (output) output.textContent = slider.value;
  }
});
document.addEventListener("change", (event) => {
  const slider = event.target;
  if (slider instanceof HTMLInputElement && slider.dataset.yearSlider !== undefined) {
    slider.form.submit();
  }
});
