// The hold countdown, ticking in the browser so it moves smoothly without asking the server
// every second. While it runs the screen is kept awake; at zero it vibrates and plays a soft
// tone (each only if wanted and if the browser allows), then tells the server it ended.
// This module runs again whenever the data changes; listeners are wired once per mount.

function show(root, left, duration) {
  const s = Math.max(0, Math.ceil(left - 0.05));
  root.querySelector(".clock").textContent = `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
  const done = Math.min(1, Math.max(0, 1 - left / duration));
  root.querySelector(".bar > span").style.width = `${(100 * done).toFixed(1)}%`;
}

async function keepAwake(root) {
  if (root.__lock || !navigator.wakeLock) return;
  try {
    root.__lock = await navigator.wakeLock.request("screen");
  } catch (refused) {
    root.__lock = null; // no wake lock here: the countdown carries on regardless
  }
}

function letSleep(root) {
  const lock = root.__lock;
  root.__lock = null;
  if (lock) lock.release().catch(() => {});
}

function vibrate() {
  try {
    if (navigator.vibrate) navigator.vibrate([200, 100, 200]);
  } catch (refused) {}
}

function tone() {
  try {
    const Context = window.AudioContext || window.webkitAudioContext;
    const audio = new Context();
    const now = audio.currentTime;
    for (const [at, pitch] of [[0, 660], [0.35, 880]]) {
      const note = audio.createOscillator();
      const gain = audio.createGain();
      note.type = "sine";
      note.frequency.value = pitch;
      gain.gain.setValueAtTime(0.0001, now + at);
      gain.gain.exponentialRampToValueAtTime(0.15, now + at + 0.04);
      gain.gain.exponentialRampToValueAtTime(0.0001, now + at + 0.5);
      note.connect(gain).connect(audio.destination);
      note.start(now + at);
      note.stop(now + at + 0.55);
    }
    setTimeout(() => audio.close().catch(() => {}), 1500);
  } catch (refused) {}
}

export default function ({ data, parentElement, setTriggerValue }) {
  const root = parentElement;
  root.__send = setTriggerValue;
  clearInterval(root.__tick);
  root.__running = Boolean(data.running);
  if (!root.__wired) {
    root.__wired = true;
    // A hidden page loses its wake lock; take it again when the person comes back.
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "visible" && root.__running) keepAwake(root);
    });
  }
  show(root, data.remaining, data.duration);
  if (!data.running) {
    letSleep(root);
    return () => letSleep(root);
  }
  keepAwake(root);
  const end = performance.now() + data.remaining * 1000;
  root.__tick = setInterval(() => {
    const left = (end - performance.now()) / 1000;
    show(root, left, data.duration);
    if (left > 0) return;
    clearInterval(root.__tick);
    root.__running = false;
    letSleep(root);
    if (data.vibrate) vibrate();
    if (data.sound) tone();
    root.__send("ended", data.hold);
  }, 200);
  return () => {
    clearInterval(root.__tick);
    letSleep(root);
  };
}
