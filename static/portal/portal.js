// The public portal's behaviours. Without JavaScript every page works the same, minus these conveniences.
// A form sent back with mistakes: move the focus to the summary so that a screen reader reads it first.
(function () {
  var summary = document.querySelector("[data-test=form-errors]");
  if (summary) { summary.focus(); }
})();
// "使用我的位置" fills latitude and longitude from the device; without JavaScript (or without permission)
// the two boxes are typed by hand or left empty.
(function () {
  var button = document.querySelector("[data-geolocate]");
  if (!button || !("geolocation" in navigator)) { return; }
  var status = document.getElementById("zf-geo-status");
  var lat = document.getElementById("id_latitude");
  var lon = document.getElementById("id_longitude");
  function say(text) { if (status) { status.textContent = text; } }
  button.hidden = false;
  button.addEventListener("click", function () {
    say("正在获取位置……");
    button.disabled = true;
    navigator.geolocation.getCurrentPosition(function (position) {
      lat.value = position.coords.latitude.toFixed(6);
      lon.value = position.coords.longitude.toFixed(6);
      button.disabled = false;
      say("已填入当前位置（精度约 " + Math.round(position.coords.accuracy) + " 米），请仍在“地点”一栏写明地址。");
    }, function (error) {
      button.disabled = false;
      say(error.code === 1 ? "未获准读取位置：可在浏览器设置中允许，或直接填写地点。" : "暂时无法获取位置，请直接填写地点。");
    }, { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
  });
})();
