"""Browser-side measurements for the checks axe cannot make: focus, layout, targets, motion."""

from __future__ import annotations

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

# The focused element: which stop it is (numbered on first visit), whether its focus is
# visible, whether it is in the viewport and not covered (a sticky bar, a banner), and
# which of the named selectors it matches.
FOCUS = """
const [selectors, number] = arguments;
const el = document.activeElement;
if (!el || el === document.body || el === document.documentElement) return null;
const style = getComputedStyle(el);
const box = el.getBoundingClientRect();
const seen = el.dataset.a11yStop;
if (seen === undefined && number !== null) el.dataset.a11yStop = number;
function covered(x, y) {
  const hit = document.elementFromPoint(x, y);
  if (!hit || hit === el || el.contains(hit)) return false;
  const label = hit.closest('label');
  return !(label && label.control === el);
}
// A link that wraps has a bounding box wider than its text: probe its first line's box.
const line = el.getClientRects()[0] || box;
const cx = line.left + line.width / 2, cy = line.top + line.height / 2;
return {
  stop: seen === undefined ? null : Number(seen),
  tag: el.tagName.toLowerCase(),
  name: (el.getAttribute('aria-label') || el.innerText || el.value || el.id || '').trim()
        .replace(/\\s+/g, ' ').slice(0, 50),
  outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
  shadow: style.boxShadow !== 'none',
  inView: box.bottom > 0 && box.right > 0 && box.top < innerHeight && box.left < innerWidth
          && box.width > 0 && box.height > 0,
  covered: covered(cx, cy),
  matches: Object.keys(selectors).filter(k => el.matches(selectors[k])),
};"""

# Elements a keyboard user can reach by Tab: visible and without a negative tabindex.
TABBABLE = """
const candidates = document.querySelectorAll('a[href], button, input:not([type=hidden]),'
  + ' select, textarea, summary, [tabindex]');
return Array.from(candidates).filter(el => {
  if (el.disabled || el.tabIndex < 0 || el.closest('[inert]')) return false;
  // A group of radio buttons is one stop: its checked button (or its first, when none is).
  if (el.type === 'radio' && el.name) {
    const group = Array.from((el.form || document).querySelectorAll('input[type=radio]'))
      .filter(other => other.name === el.name);
    const checked = group.find(other => other.checked);
    if (el !== (checked || group[0])) return false;
  }
  const style = getComputedStyle(el);
  return style.visibility !== 'hidden' && style.display !== 'none' && el.getClientRects().length;
}).length;"""

HORIZONTAL_SCROLL = ("return Math.max(document.documentElement.scrollWidth,"
                     " document.body.scrollWidth) - window.innerWidth;")

# Elements that cut their own content off: overflow hidden/clip with more content than room.
# Visually hidden text (1 px boxes, clip) is meant to be cut off and is left out.
CLIPPED = """
const out = [];
for (const el of document.body.querySelectorAll('*')) {
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  if (box.width <= 2 || box.height <= 2 || style.display === 'none') continue;
  if (style.clip !== 'auto' && style.position === 'absolute') continue;
  const hideX = ['hidden', 'clip'].includes(style.overflowX);
  const hideY = ['hidden', 'clip'].includes(style.overflowY);
  if ((hideX && el.scrollWidth > el.clientWidth + 1) ||
      (hideY && el.scrollHeight > el.clientHeight + 1)) {
    out.push(el.tagName.toLowerCase() + (el.className ? '.' + el.className : '')
             + ': ' + (el.innerText || '').slice(0, 40));
  }
}
return out;"""

# WCAG 1.4.12 text spacing, as the bookmarklet everyone uses applies it.
TEXT_SPACING = """
const style = document.createElement('style');
style.textContent = '* { line-height: 1.5 !important; letter-spacing: 0.12em !important;'
  + ' word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }';
document.head.appendChild(style);"""

# Pointer targets smaller than 24x24 CSS px that are not inline in a sentence and do not have
# the spacing exception (a 24 px circle around their centre meets no other target).
SMALL_TARGETS = """
const targets = Array.from(document.querySelectorAll(
  'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button]'))
  .filter(el => el.getClientRects().length && getComputedStyle(el).visibility !== 'hidden');
const boxes = targets.map(el => el.getBoundingClientRect());
function inSentence(el) {
  if (getComputedStyle(el).display !== 'inline') return false;
  const block = el.parentElement.closest('p, li, dd, td, th, label, h1, h2, h3, h4');
  if (!block) return false;
  return block.textContent.trim().length > el.textContent.trim().length;
}
function far(i) {
  const b = boxes[i], cx = b.left + b.width / 2, cy = b.top + b.height / 2;
  return boxes.every((o, j) => {
    if (j === i || targets[j].contains(targets[i]) || targets[i].contains(targets[j])) return true;
    const dx = Math.max(o.left - cx, 0, cx - o.right), dy = Math.max(o.top - cy, 0, cy - o.bottom);
    return Math.hypot(dx, dy) >= 12;
  });
}
const out = [];
targets.forEach((el, i) => {
  const b = boxes[i];
  if (b.width >= 24 && b.height >= 24) return;
  if (b.width === 0 || b.height === 0) return;
  if (inSentence(el) || far(i)) return;
  out.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + ' "'
           + (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 30)
           + '" ' + Math.round(b.width) + 'x' + Math.round(b.height));
});
return out;"""

# What sticks out on the right, for the failure message.
OVERFLOWING = """
return Array.from(document.body.querySelectorAll('*')).filter(el => {
  const box = el.getBoundingClientRect();
  return box.width && box.right > innerWidth + 1 && getComputedStyle(el).position !== 'absolute';
}).slice(0, 8).map(el => el.tagName.toLowerCase() + (el.className ? '.' + el.className : '')
                    + ' right=' + Math.round(el.getBoundingClientRect().right));"""

# Native checkboxes and radios are drawn by the system in forced colours; other controls
# need a real border to stay visible once backgrounds are gone.
BORDERS = """
return Array.from(document.querySelectorAll(
    'button, .button, input:not([type=checkbox]):not([type=radio]), select, textarea'))
  .filter(el => el.getClientRects().length && !el.closest('.visually-hidden'))
  .filter(el => { const s = getComputedStyle(el);
                  return s.borderTopStyle === 'none' || parseFloat(s.borderTopWidth) < 1; })
  .map(el => el.outerHTML.slice(0, 80));"""

MOVING = """
return Array.from(document.querySelectorAll('*')).filter(el => {
  const s = getComputedStyle(el);
  const long = v => v.split(',').some(d => parseFloat(d) > 0.01);
  return long(s.transitionDuration) || (long(s.animationDuration) && s.animationName !== 'none');
}).map(el => el.tagName.toLowerCase() + (el.className ? '.' + el.className : ''));"""


def press_tab(driver, backwards: bool = False) -> None:
    """One Tab (or Shift+Tab) sent to whatever has focus."""
    chain = ActionChains(driver)
    if backwards:
        chain.key_down(Keys.SHIFT).send_keys(Keys.TAB).key_up(Keys.SHIFT)
    else:
        chain.send_keys(Keys.TAB)
    chain.perform()


def focused(driver, selectors: dict[str, str] | None = None, number: int | None = None):
    """FOCUS info about the focused element (numbering it when asked), None on the body."""
    return driver.execute_script(FOCUS, selectors or {}, number)


def tab_through(driver, selectors: dict[str, str] | None = None, limit: int = 400) -> list[dict]:
    """Tab from the top of the page until focus leaves the page or comes back to a stop.

    Returns the stops in order; a stop reached twice before the end ends the walk with that
    repeat appended (its "stop" set), which is a keyboard trap or a loop.
    """
    driver.execute_script("document.activeElement && document.activeElement.blur();"
                          "window.scrollTo(0, 0);")
    stops: list[dict] = []
    for number in range(limit):
        press_tab(driver)
        info = focused(driver, selectors, number)
        if info is None:
            break
        stops.append(info)
        if info["stop"] is not None:
            break
    return stops


def shift_tab_from(driver, stop: int, selectors: dict[str, str] | None = None,
                   limit: int = 400) -> list[dict]:
    """Focus stop number `stop` and Shift+Tab until focus leaves the page."""
    driver.execute_script("document.querySelector('[data-a11y-stop=\"' + arguments[0] + '\"]')"
                          ".focus();", stop)
    stops = [focused(driver, selectors)]
    for _ in range(limit):
        press_tab(driver, backwards=True)
        info = focused(driver, selectors)
        if info is None:
            break
        stops.append(info)
    return stops


def emulate(driver, *, width: int | None = None, height: int = 800, **media: str) -> None:
    """CDP viewport width and media features (forced_colors="active"...); cleared by `page`."""
    if width:
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
            "width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
    if media:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [
            {"name": name.replace("_", "-"), "value": value} for name, value in media.items()]})
