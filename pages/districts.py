"""Placeholder while the page is built."""

import streamlit as st


def render() -> None:
    st.title("districts")
