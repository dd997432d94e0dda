"""What a browser test asks of a page's layout."""

# The captions of the tables whose right edge passes the page's main column.
WIDER_THAN_THE_PAGE = """tables => {
    const edge = document.querySelector("main").getBoundingClientRect().right + 1;
    return tables.filter(table => table.getBoundingClientRect().right > edge)
        .map(table => table.caption ? table.caption.textContent : table.outerHTML.slice(0, 80));
}"""
