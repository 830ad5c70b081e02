"""The tools, and where each is offered: the toolkit stages it serves and the audiences' guidance."""

from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class Tool:
    name: str
    url_name: str
    summary: str
    stages: tuple  # slugs of the toolkit stages it serves
    audiences: tuple  # the guidance audiences whose landing pages offer it
    search_phrases: tuple  # a search containing one of these recommends the tool

    @property
    def title(self):
        return self.name

    def get_absolute_url(self):
        return reverse(self.url_name)


TOOLS = (
    Tool(
        name="Readiness self-assessment",
        url_name="tools:readiness",
        summary="Answer 15 questions on the 4 factors behind a successful shared service, and see what to do next.",
        stages=("vision", "strategy-and-business-case"),
        audiences=("customers", "providers"),
        search_phrases=(
            "self assessment",
            "self assess",
            "readiness",
            "ready to share",
            "ready for shared services",
            "ready to move to a shared service",
            "how ready",
        ),
    ),
    Tool(
        name="Savings estimator",
        url_name="tools:savings",
        summary="Enter what your corporate services cost now and see what the published saving rates would mean.",
        stages=("strategy-and-business-case", "operation"),
        audiences=("customers", "providers"),
        search_phrases=(
            "savings calculator",
            "savings estimator",
            "savings tool",
            "estimate savings",
            "estimate our savings",
            "calculate savings",
            "calculate our savings",
            "cost calculator",
        ),
    ),
    Tool(
        name="Corporate-service benchmarks",
        url_name="benchmarks:index",
        summary="Compare what corporate services cost by organisation, cluster and year, against the cluster median "
        "and the published comparators.",
        stages=("strategy-and-business-case", "operation"),
        audiences=("customers", "providers"),
        search_phrases=(
            "benchmark",
            "benchmarks",
            "benchmarking data",
            "compare costs",
            "corporate service costs",
            "hr ratio",
            "cost per employee",
            "1:77",
        ),
    ),
)


# The list of tools, found by search as the tools themselves are.
INDEX = {
    "url_name": "tools:index",
    "title": "Tools to help you decide",
    "summary": "Check whether you are ready to share services, estimate what sharing could save and compare "
    "corporate-service costs, in your browser.",
    "phrases": ("tools", "online tools", "calculator"),
}


def tools_for(*, stage=None, audience=None):
    """The tools that serve a toolkit stage, or an audience; every tool when neither is given."""
    return [
        tool
        for tool in TOOLS
        if (stage is None or stage in tool.stages) and (audience is None or audience in tool.audiences)
    ]
