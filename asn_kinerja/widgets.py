"""Widgets rendered in Python instead of one template per <option>.

Django renders every option of a Select through a template include: about 0.2 ms an option.
A filter listing hundreds of units or positions spent most of the page's time there. This
renders the same markup (crispy-forms still wraps it) in a fraction of that.
"""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe


class CepatSelect(forms.Select):
    def render(self, name, value, attrs=None, renderer=None):
        final_attrs = self.build_attrs(self.attrs, attrs)
        final_attrs["name"] = name
        dipilih = {str(v) for v in self.format_value(value)}
        bagian = [format_html("<select{}>", flatatt(final_attrs))]
        for option_value, label in self.choices:
            if isinstance(label, (list, tuple)):  # optgroup
                bagian.append(format_html('<optgroup label="{}">', option_value))
                bagian.extend(self._option(v, lbl, dipilih) for v, lbl in label)
                bagian.append("</optgroup>")
            else:
                bagian.append(self._option(option_value, label, dipilih))
        bagian.append("</select>")
        return mark_safe("".join(bagian))  # noqa: S308 - every part is escaped above

    @staticmethod
    def _option(value, label, dipilih) -> str:
        value = "" if value is None else str(value)
        selected = " selected" if value in dipilih else ""
        return f'<option value="{conditional_escape(value)}"{selected}>{conditional_escape(label)}</option>'
