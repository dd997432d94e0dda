"""The report's CAP, fault, open-loop, overload, cluster, replica and trace sections in Spanish: titles, headers,
findings and numbers as Spanish writes them, built from the same synthetic records as the English tests."""

from test_trace_report import saved_run

from lab.i18n import _, speaking
from lab.model.cluster import rows
from lab.report import (
    cap_section,
    cluster_section,
    fault_section,
    open_section,
    replica_section,
    trace_section,
)
from lab.report.results import load
from lab.trace.waterfall import key
from tests.cluster_runs import cluster_run, configuration
from tests.unit.test_cap_records import keep as keep_cap
from tests.unit.test_cluster_report import DEMANDS, NAMES
from tests.unit.test_fault_records import keep as keep_fault
from tests.unit.test_open_loop_report import _record
from tests.unit.test_trace_anatomy import gateway_to_catalog


def _text(*tables) -> str:
    return "\n".join(
        " ".join([table.caption, table.note, *table.headers, *(str(cell) for row in table.rows for cell in row)])
        for table in tables
    )


def test_the_cap_section_speaks_spanish(tmp_path):
    keep_cap(tmp_path, "CP", (0, 10))
    keep_cap(tmp_path, "AP", (10, 0))
    found = cap_section.load_cap(tmp_path)
    with speaking("es"):
        table, intro = cap_section.table(found), cap_section.intro(found)
        captions = [figure.caption for figure in cap_section.figures(found, tmp_path)]
    text = _text(table)
    assert "El compromiso CAP" in table.caption and "verificación de datos" in table.headers
    assert "aprobada" in text and "passed" not in text and "data check" not in text
    assert "el teorema CAP" in intro and "sirvió 0% de la navegación mientras estuvo aislado en modo CP" in intro
    assert "served" not in intro and "stale read" not in intro
    assert captions[0] == "three_tier, CP: qué sirvió cada sitio durante una partición"


def test_the_fault_section_speaks_spanish(tmp_path):
    keep_fault(tmp_path, "registry", 1.0)
    found = fault_section.load_faults(tmp_path)
    with speaking("es"):
        table, faults = fault_section.table(found), _(fault_section.FAULTS)
        captions = [figure.caption for figure in fault_section.figures(found, tmp_path)]
    assert table.caption.startswith("Fallos:") and "componente detenido" in table.headers
    assert "navegar ok" in table.headers and "browse ok" not in table.headers
    assert table.rows[0][-1] == "aprobada"
    assert faults.startswith("Cada fila es un arranque limpio") and "`make chaos-<arch>`" in faults
    assert captions == ["soa: qué partes de la tienda siguieron funcionando mientras un componente estaba caído"]
    assert _(fault_section.FAULTS).startswith("Each row is one fresh start")  # English again outside the block


def test_the_open_loop_and_overload_sections_speak_spanish(tmp_path):
    staircases = {"monolith": _record("staircase", "monolith", (0.5, 0.8, 1.2))}
    overloads = {"monolith": _record("overload", "monolith")}
    with speaking("es"):
        titles = (_(open_section.OPEN_TITLE), _(open_section.OVERLOAD_TITLE))
        steps, tail = open_section.open_table(staircases), open_section.tail_table(staircases, tmp_path)
        targets = open_section.overload_table(overloads)
        captions = [figure.caption for figure in open_section.overload_figures(overloads, tmp_path)]
    assert titles == ("Carga ofrecida: el lazo abierto", "Sobrecarga: un pico a 3× la capacidad")
    assert "req/s ofrecidas" in steps.headers and "descartadas" in steps.headers
    assert [row[1] for row in steps.rows] == ["0,5x el codo", "0,8x el codo", "1,2x el codo"]
    assert "fracción del codo" in tail.headers and "share of the knee" not in tail.headers
    assert [row[1] for row in tail.rows] == ["0,8×", "1,2×"]
    text = _text(targets)
    assert "goodput (respuestas útiles) durante el pico" in text and "de vuelta al p99 previo al pico" in text
    assert "de 100,0" in text  # the capacity, with a decimal comma
    assert "nada perdido" in text and "cumplido" in text
    assert "goodput through the spike" not in text and "correct answers" not in text and " met" not in text
    assert captions == ["monolith durante el pico, segundo a segundo"]


def test_the_cluster_section_speaks_spanish(tmp_path):
    found = {
        run["up-1"].label: rows(run)
        for run in ({name: cluster_run(a, configuration(name), DEMANDS[a], 0.9) for name in NAMES} for a in DEMANDS)
    }
    with speaking("es"):
        title, intro, tables = _(cluster_section.TITLE), cluster_section.intro(found), cluster_section.tables(found)
        captions = [figure.caption for figure in cluster_section.figures(found, tmp_path)]
    assert title == "Máquinas propias: escalar horizontalmente, medido"
    assert "Escalar horizontalmente se detiene en out-4: 2,5× frente a un ideal de 4×" in intro
    assert "el cuello de botella es postgres" in intro and "25 %" not in intro and "stops at" not in intro
    assert "capacidad req/s" in tables[0].headers and "capacity req/s" not in tables[0].headers
    assert tables[-1].caption.startswith("La Ley Universal de Escalabilidad")
    assert captions[0].startswith("Capacidad frente a máquinas")


def test_the_trace_and_replica_sections_speak_spanish(tmp_path):
    traces = {label: saved_run(label, gateway_to_catalog()) for label in ("monolith", "microservices")}
    with speaking("es"):
        intro, order, cost = _(trace_section.INTRO), trace_section.table(traces, "order"), trace_section.cost(tmp_path)
        captions = [figure.caption for figure in trace_section.figures(traces, tmp_path)]
        legend = [patch.get_label() for patch in key()]
        modes, million = replica_section.modes_side_by_side(load(tmp_path)), replica_section.million(load(tmp_path))
        replicas = _(replica_section.INTRO)
    assert intro.startswith("`make trace-all` arranca cada arquitectura")
    assert order.caption == "El pedido, trazado: la mediana de 3 visitas por arquitectura"
    assert "saltos de red" in order.headers and order.rows[0][5] == "9,0–12,5"
    assert cost.caption == "Lo que cuesta el trazado"
    assert captions == [
        "Un pedido, cuatro arquitecturas, en un mismo eje de tiempo",
        "Una página de libro, cuatro arquitecturas, en un mismo eje de tiempo",
    ]
    assert legend[-1] == "camino crítico"
    assert modes.caption.startswith("Modos de lectura lado a lado") and "obsoletas cada 1.000 lecturas" in modes.headers
    assert "caben 1.000.000 de usuarios" in million.headers and "SLO" in million.note
    assert replicas.startswith("`PG_REPLICAS=N` le da al servidor PostgreSQL")
