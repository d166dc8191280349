"""Per agendapunt: per theme, each goal with the plan's words and per indicator its target path
against the figures."""

import streamlit as st

from lib import fmt
from lib.status import BEHIND
from lib.views import html_text
from lib.views.agenda import NO_TARGETS, OTHER_GOALS, ChartItem, Theme
from lib.views.html_text import escape_markdown as md
from lib.views.overview import agenda_headline
from ui import components, context, filters, steering, texts


def _choose_agenda(ctx: context.Context) -> int:
    numbers = [a.number for a in ctx.plan.agenda_items]
    names = ctx.plan.agenda_names()
    st.session_state["agenda_item"] = ctx.agenda if ctx.agenda is not None else numbers[0]

    def follow() -> None:  # the choice here is the sidebar filter too, so it lands in the URL
        st.session_state["filter_agenda"] = st.session_state["agenda_item"]
        st.query_params.pop("thema", None)  # a theme of the item left behind

    number = st.radio(
        "Agendapunt",
        numbers,
        key="agenda_item",
        horizontal=True,
        format_func=lambda n: f"{n}. {md(names[n])}",  # a radio's options are Markdown
        on_change=follow,
    )
    # The sidebar shows it, greyed out; item 1 shown by default narrows no other page.
    filters.chosen_on_page(filters.AGENDA, number, defaulted=ctx.agenda is None)
    return number


def _item(ctx: context.Context, item: ChartItem, number: int, goal) -> None:
    if item.indicator is None:  # the goal's milestones: their open actions, what is missing
        notes = steering.milestone_notes(ctx, number, goal)
        components.text(html_text.block(html_text.heading("Mijlpalen", 3), *notes))
        components.chart(item.figure, item.description, item.key)
        return
    now, indicator = item.status_row, item.indicator
    # Heading, status and (when behind) why and what is done: one element above the chart.
    head = [
        html_text.heading(indicator.name, 3),
        html_text.status_line(ctx.year, now["status"], now["detail"]),
    ]
    written = texts.texts_of(ctx).get((indicator.id, ctx.year, ""))
    if written and now["status"] == BEHIND:  # why behind, and what is done: open, not folded
        head.append(html_text.editor_texts(*written))
    head += steering.agenda_notes(ctx, indicator.id, now["status"], written)  # open actions
    components.text(html_text.block(*head))
    if written and now["status"] != BEHIND:
        with st.expander("Toelichting en maatregelen"):
            texts.show_texts(written)
    components.chart(item.figure, item.description, item.key)
    with st.expander("Waarom deze status, en waar staat dit in het plan?"):
        paragraphs = [
            html_text.labelled(str(ctx.year), now["explanation"]),
            html_text.labelled(f"Plan ({indicator.source.section})", f"“{indicator.source.quote}”"),
        ]
        if indicator.reading:
            paragraphs.append(html_text.labelled("Gekozen lezing", indicator.reading))
        components.text(html_text.block(*paragraphs))


def _choose_theme(themes: list[Theme], number: int) -> Theme:
    """One theme at a time: its charts are all the page builds and the browser draws.

    The choice is the theme's name, so it stays when the year changes what the labels count; the
    link holds its number (thema=2), so a mailed link opens the same theme.
    """
    if len(themes) == 1:
        return themes[0]
    by_name = {t.name: t for t in themes}
    key = f"agenda_theme_{number}"
    if key not in st.session_state and "thema" in st.query_params:
        linked = st.query_params["thema"]
        chosen = fmt.digits(linked)
        if chosen is not None and 1 <= chosen <= len(themes):
            st.session_state[key] = themes[chosen - 1].name
        else:
            st.warning(
                f"De link bevat iets onbekends: thema '{linked}' bestaat niet bij agendapunt "
                f"{number}. Het eerste thema wordt getoond.",
                icon=":material/warning:",
            )
    name = st.radio(
        "Thema",
        list(by_name),
        key=key,
        horizontal=True,
        format_func=lambda n: md(by_name[n].label),
    )
    st.query_params["thema"] = str(list(by_name).index(name) + 1)
    return by_name[name]


def render() -> None:
    ctx = context.current()
    number = _choose_agenda(ctx)
    st.title(f"Agendapunt {number}: {md(ctx.plan.agenda_names()[number])}")
    filters.year_choice(ctx.plan)
    st.caption(
        f"Doelen en stand per jaar voor de hele stad; status voor {ctx.year} · {md(ctx.subtitle())}"
    )
    with st.container(key="headline"):  # the counts first: they do not wait for any chart
        st.markdown(agenda_headline(ctx.city(ctx.year), number, ctx.year))
    themes = context.agenda_themes(ctx, number)
    if not themes:
        st.info(NO_TARGETS, icon=":material/info:")
        return
    theme = _choose_theme(themes, number)
    for section in context.theme_sections(ctx, number, theme):
        goal = section.goal
        # The goal's own words from the plan; the theme is the choice above.
        title = html_text.heading(f"{goal.label}: {goal.text}" if goal else OTHER_GOALS, 2)
        theme_note = [html_text.paragraph(f"Thema in het plan: {goal.theme}", note=True)]
        components.text(html_text.block(title, *(theme_note if goal else [])))
        # One chart per row: full width keeps titles, labels and timelines readable.
        for item in section.items:
            _item(ctx, item, number, goal)


filters.with_year_on_page(render)
