from django.shortcuts import render

from publishing.reader_pages import reader_page
from search.selectors import SearchParams, search_run


@reader_page(*SearchParams.QUERY_NAMES, normalise=SearchParams.query_pairs)
def search(request):
    outcome = search_run(params=SearchParams.from_query_dict(request.GET))
    return render(request, "search/search_results.html", {"outcome": outcome, "query": outcome.query})
