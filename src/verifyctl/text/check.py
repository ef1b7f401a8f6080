"""A post's text: the rules that match it and the links inside it, judged together.

The post's verdict is the worst of its parts. A post with nothing flagged is `share` only when
it links to official sources and to nothing else; with no official link it is `verify`
(`no_source`): unknown is never share.

Signals combine: a rule with `with_link` (an account alarm, a deadline, a prize) is a warning
alone and takes its `with_link` verdict when the post also links somewhere that is not an
official source (`combine_with_links`).
"""

from __future__ import annotations

from collections.abc import Callable

from verifyctl.errors import VerifyctlError
from verifyctl.i18n import Msg
from verifyctl.text.links import Link, find_links
from verifyctl.text.matcher import RuleHit
from verifyctl.text.rules import RuleSet
from verifyctl.verdict import Reason, Result, Verdict

NO_SOURCE = Msg(
    "Bài viết không dẫn nguồn chính thống: hãy tìm tin này trên báo chí chính thống trước khi chia sẻ.",
    "The post cites no official source: find this story in the official press before sharing.",
)
UNREADABLE_LINK = Msg(
    "Không đọc được đường link trong bài ({error}): đừng mở nếu không rõ nguồn.",
    "A link in the post could not be read ({error}): do not open it unless you know the source.",
)

UrlCheck = Callable[[str], Result]

# The matcher keeps a few offsets per character (about 160 bytes a character in all): one 8 MB
# word took 1.3 GB. No platform allows a post near this long (Facebook: 63,206 characters).
MAX_TEXT = 1_000_000


def check_text(text: str, rules: RuleSet, check_url: UrlCheck) -> Result:
    if len(text) > MAX_TEXT:
        raise VerifyctlError(
            Msg(
                f"nội dung quá dài để kiểm tra ({len(text)} ký tự, tối đa {MAX_TEXT})",
                f"text too long to check ({len(text)} characters, at most {MAX_TEXT})",
            )
        )
    reasons = [_rule_reason(hit, text) for hit in rules.find(text)]
    combine = False
    if reasons:
        combine = any(WITH_LINK in r.fields for r in reasons)
    official = False
    for link in find_links(text):
        for reason in _link_reasons(link, check_url):
            # A bank's or a shop's own page is genuine, but it is not a source for news.
            official = official or (reason.verdict is Verdict.SHARE and reason.code != "official_service")
            reasons.append(reason)
    if combine:
        reasons = combine_with_links(reasons)
    if not official:
        reasons.append(_NO_SOURCE)
    return Result.of(text, "text", reasons)


WITH_LINK = "with_link"  # a rule_match field: the verdict the match takes beside such a link


def combine_with_links(reasons: list[Reason]) -> list[Reason]:
    """`reasons` with each rule match that has `with_link` raised to that verdict when some
    link of the post (a reason with a `link` field) is not an official source: none of that
    link's reasons is `share`. The match then names the link in `combined_link`."""
    links: dict[str, bool] = {}
    for reason in reasons:
        link = reason.fields.get("link")
        if isinstance(link, str):
            links[link] = links.get(link, False) or reason.verdict is Verdict.SHARE
    unofficial = next((link for link, official in links.items() if not official), None)
    if unofficial is None:
        return reasons
    out: list[Reason] = []
    for reason in reasons:
        raised = reason.fields.get(WITH_LINK)
        if reason.code == "rule_match" and raised is not None and Verdict(raised).rank > reason.verdict.rank:
            reason = Reason(reason.code, Verdict(raised), reason.message, {**reason.fields, "combined_link": unofficial})
        out.append(reason)
    return out


_NO_SOURCE = Reason("no_source", Verdict.VERIFY, NO_SOURCE)  # the same for every post


def _rule_reason(hit: RuleHit, text: str) -> Reason:
    rule = hit.rule
    start, end = hit.spans[0]
    return Reason(
        "rule_match",
        rule.verdict,
        rule.message,
        {
            "rule": rule.id,
            "rev": rule.rev,
            "category": rule.category,
            "title": rule.title,
            "advice": rule.advice,
            "span": [start, end],
            "spans": [[s, e] for s, e in hit.spans],
            "matched": text[start:end],
            **({WITH_LINK: rule.with_link.value} if rule.with_link is not None else {}),
        },
    )


def _link_reasons(link: Link, check_url: UrlCheck) -> list[Reason]:
    where = {"link": link.url, "span": [link.start, link.end]}
    try:
        result = check_url(link.url)
    except VerifyctlError as exc:
        message = UNREADABLE_LINK.format(error=exc.as_msg())
        return [Reason("unreadable_link", Verdict.VERIFY, message, where)]
    if result.verdict is Verdict.ERROR:
        detail = result.reasons[0].message if result.reasons else Msg("?", "?")
        message = UNREADABLE_LINK.format(error=detail)
        return [Reason("unreadable_link", Verdict.VERIFY, message, where)]
    return [Reason(r.code, r.verdict, r.message, {**r.fields, **where}) for r in result.reasons]
