from django.shortcuts import render

from search.selectors import SearchParams, search_run


def search(request):
    outcome = search_run(params=SearchParams.from_query_dict(request.GET))
    return render(request, "search/search_results.html", {"outcome": outcome, "query": outcome.query})
