"""The default note templates: the texts a new database starts with, and their menu order.

The user may replace any of them (storage keeps the override); these are what "reset" goes back
to. The fields they use are listed in :data:`postinterview_tui.domain.templates.FIELDS`.
"""

from __future__ import annotations

from postinterview_tui.domain.templates import NoteKind, NoteTemplate, TemplateId


def _template(
    template_id: TemplateId, title: str, kind: NoteKind, subject: str, body: str
) -> NoteTemplate:
    return NoteTemplate(template_id, title, kind, subject, body)


DEFAULT_TEMPLATES: dict[TemplateId, NoteTemplate] = {
    item.id: item
    for item in (
        _template(
            TemplateId.THANK_YOU_EMAIL,
            "Thank-you (email)",
            NoteKind.THANK_YOU,
            "Thank you: $role interview",
            "Dear $first_name,\n\n"
            "Thank you for speaking with me on $interview_day about the $role position at "
            "$company. I enjoyed our conversation about $topics, and it left me even more "
            "interested in the team and its work.\n\n"
            "If there is anything else I can share to help with your decision, I would be "
            "glad to send it.\n\n"
            "With thanks,\n$signature",
        ),
        _template(
            TemplateId.THANK_YOU_SHORT,
            "Thank-you (short message)",
            NoteKind.THANK_YOU,
            "",
            "Hi $first_name, thank you for the conversation on $interview_day about the $role "
            "role at $company. I especially enjoyed hearing about $topics. I would be glad to "
            "stay in touch. $my_name",
        ),
        _template(
            TemplateId.FOLLOW_UP_FIRST,
            "First follow-up",
            NoteKind.FOLLOW_UP,
            "Following up: $role at $company",
            "Dear $first_name,\n\n"
            "I hope your week is going well. I am following up on my interview on "
            "$interview_day for the $role position at $company. I am still very interested "
            "in the role and would be grateful for any news on the timeline.\n\n"
            "Thank you again for your time.\n\n"
            "Best regards,\n$signature",
        ),
        _template(
            TemplateId.FOLLOW_UP_FINAL,
            "Second (final) follow-up",
            NoteKind.FOLLOW_UP,
            "Checking in once more: $role at $company",
            "Dear $first_name,\n\n"
            "I wanted to check in one last time about the $role position at $company. I know "
            "these decisions take time, and I remain keen on the opportunity. If the role has "
            "been filled or plans have changed, a short note would help me plan ahead.\n\n"
            "Thank you for considering me.\n\n"
            "Kind regards,\n$signature",
        ),
        _template(
            TemplateId.OFFER_REPLY,
            "Reply to a conditional offer",
            NoteKind.OTHER,
            "Re: your offer for the $role position",
            "Dear $first_name,\n\n"
            "Thank you so much for the offer for the $role position at $company; I am "
            "delighted to receive it. I understand it depends on a few conditions, and I want "
            "to make those easy on my side. Could you tell me what you need from me next, and "
            "roughly how long each step usually takes?\n\n"
            "I look forward to hearing from you.\n\n"
            "Best regards,\n$signature",
        ),
        _template(
            TemplateId.OFFER_ACCEPT,
            "Accept an offer",
            NoteKind.OTHER,
            "Accepting the $role offer",
            "Dear $first_name,\n\n"
            "I am very pleased to accept the offer for the $role position at $company. Thank "
            "you for your confidence in me, and for making the process such a good "
            "experience.\n\n"
            "Please let me know about any paperwork and what happens before my start date. I "
            "am looking forward to joining the team.\n\n"
            "With best wishes,\n$signature",
        ),
        _template(
            TemplateId.OFFER_DECLINE,
            "Decline an offer",
            NoteKind.OTHER,
            "Your offer for the $role position",
            "Dear $first_name,\n\n"
            "Thank you very much for offering me the $role position at $company, and for the "
            "time you and the team gave me. After a lot of thought, I have decided to decline: "
            "I have chosen a path that fits my plans more closely right now.\n\n"
            "It was not an easy decision. I have a great deal of respect for what you are "
            "building, and I hope our paths cross again.\n\n"
            "Kind regards,\n$signature",
        ),
        _template(
            TemplateId.REJECTION_REPLY,
            "Reply to a rejection",
            NoteKind.OTHER,
            "Re: $role application",
            "Dear $first_name,\n\n"
            "Thank you for letting me know, and for the time you spent with me during the "
            "interviews. I am disappointed, of course, but I enjoyed learning about $company "
            "and the team.\n\n"
            "If you have a moment, I would really value any feedback on how I could have made "
            "a stronger case. I would also be glad to hear about future roles that fit.\n\n"
            "All the best,\n$signature",
        ),
        _template(
            TemplateId.WITHDRAW,
            "Withdraw an application",
            NoteKind.OTHER,
            "Withdrawing my application: $role",
            "Dear $first_name,\n\n"
            "Thank you for considering me for the $role position at $company, and for the "
            "time you have given me so far. My circumstances have changed, so I would like to "
            "withdraw my application.\n\n"
            "I have enjoyed getting to know the team, and I hope we get the chance to work "
            "together in the future.\n\n"
            "Best wishes,\n$signature",
        ),
    )
}

KIND_TEMPLATES: dict[NoteKind, tuple[TemplateId, ...]] = {
    kind: tuple(item.id for item in DEFAULT_TEMPLATES.values() if item.kind is kind)
    for kind in NoteKind
}
"""The templates of each kind, in menu order."""
