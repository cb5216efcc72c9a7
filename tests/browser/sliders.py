"""The book's static sliders as the server sends them: parsed from a page's HTML.

The markup is written by ``nllce._static_slider``; these helpers read it back
independently (no script has run), for the browser tests and the site checks.
"""

import json
from dataclasses import dataclass, field
from html.parser import HTMLParser

__all__ = ["ServedSlider", "served_sliders"]


@dataclass
class ServedSlider:
    """A static slider as the server sent it: its inputs, and its frames by position."""

    labels: list = field(default_factory=list)
    inputs: list = field(default_factory=list)
    frames: dict = field(default_factory=dict)
    readout: str | None = None

    def texts(self, number):
        return json.loads(self.inputs[number]["data-texts"])

    def position(self, values):
        """The frame key of input values ``[3]`` or ``[1, 0]``: ``"3"``, ``"1 0"``."""
        return " ".join(map(str, values))


class _SliderMarkup(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.sliders, self._depth, self._text = [], 0, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag == "div" and "nllce-static" in classes and not self._depth:
            self.sliders.append(ServedSlider())
            self._depth = 1
            return
        if not self._depth:
            return
        slider = self.sliders[-1]
        if tag == "div":
            self._depth += 1
        elif tag == "label":
            slider.labels.append({**attrs, "text": ""})
            self._text = (slider.labels[-1], "text")
        elif tag == "input":
            slider.inputs.append(attrs)
        elif tag == "img":
            slider.frames[attrs["data-position"]] = {
                "alt": attrs.get("alt"), "src": attrs.get("src"),
                "readout": attrs.get("data-readout"), "hidden": "hidden" in attrs,
            }
        elif tag == "p" and "nllce-readout" in classes:
            slider.readout = ""
            self._text = (slider, "readout")

    def handle_endtag(self, tag):
        if tag in {"label", "p"}:
            self._text = None
        if self._depth and tag == "div":
            self._depth -= 1

    def handle_data(self, data):
        if self._text is not None:
            holder, key = self._text
            if isinstance(holder, dict):
                holder[key] += data
            else:
                setattr(holder, key, getattr(holder, key) + data)


def served_sliders(page_html):
    """Every static slider of a page's HTML, in order."""
    parser = _SliderMarkup()
    parser.feed(page_html)
    parser.close()
    return parser.sliders
