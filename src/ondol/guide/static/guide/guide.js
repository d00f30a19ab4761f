// "Use my location" on the find-my-centre page: fills the hidden coordinates and submits the form.
(function () {
  var form = document.querySelector("form[data-locate]");
  if (!form || !("geolocation" in navigator)) { return; }
  form.hidden = false;
  var button = form.querySelector("[data-locate-button]");
  var status = form.querySelector("[data-locate-status]");
  button.addEventListener("click", function () {
    status.textContent = "…";
    navigator.geolocation.getCurrentPosition(function (position) {
      form.elements.lat.value = position.coords.latitude.toFixed(6);
      form.elements.lon.value = position.coords.longitude.toFixed(6);
      status.textContent = "";
      if (window.htmx) { window.htmx.trigger(form, "submit"); } else { form.submit(); }
    }, function () {
      status.textContent = button.getAttribute("data-error") || "";
    }, { enableHighAccuracy: false, timeout: 10000 });
  });
})();
