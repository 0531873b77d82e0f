"""How old a tree's checked facts are: run by `flask content check`, apart from loading, since the
answer depends on today's date."""

from challenge.content.loader import ContentTree
from challenge.content.problems import WARNING, Problem


def check_ages(tree: ContentTree, today, config) -> list[Problem]:
    """Warnings for facts last checked too long ago (see Kind.check_age), e.g. help channels."""
    problems = []
    for item in tree.items.values():
        if item.kind.check_age is None:
            continue
        for content_file in item.files.values():
            problems += [
                Problem(content_file.path, line, message, WARNING)
                for line, message in item.kind.check_age(content_file, today, config)
            ]
    return sorted(problems)
