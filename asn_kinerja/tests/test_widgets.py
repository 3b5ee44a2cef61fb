from django import forms

from asn_kinerja.widgets import CepatSelect


class _Form(forms.Form):
    pilihan = forms.ChoiceField(
        choices=[("", "Semua"), ("a", "Alfa <b>"), ("Grup", [("b", "Beta"), ("c", 'Ce "kutip"')])],
        widget=CepatSelect(attrs={"class": "form-select"}),
    )


def test_cepat_select_menandai_pilihan_dan_meng_escape_label():
    html = str(_Form(data={"pilihan": "b"})["pilihan"])
    assert html.startswith('<select class="form-select" id="id_pilihan" name="pilihan" required>')
    assert 'id="id_pilihan"' in html
    assert '<option value="a">Alfa &lt;b&gt;</option>' in html
    assert '<option value="b" selected>Beta</option>' in html
    assert '<optgroup label="Grup">' in html
    assert "Ce &quot;kutip&quot;" in html
    assert html.count(" selected") == 1


def test_cepat_select_sama_dengan_select_django_untuk_nilai_terpilih():
    bawaan = forms.Select(choices=[("1", "Satu"), ("2", "Dua")]).render("x", "2")
    cepat = CepatSelect(choices=[("1", "Satu"), ("2", "Dua")]).render("x", "2")
    assert ('value="2" selected' in bawaan) and ('value="2" selected' in cepat)
    assert 'value="1" selected' not in cepat
