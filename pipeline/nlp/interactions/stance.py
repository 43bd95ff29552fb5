"""A government's own statement about another state: criticism, accusations, demands and threats
that no verb states ("Iran plays an unacceptable role in destabilising the region", "This will not be
tolerated").

A judgement is read in the quoted words of a state's official ("'This is a new escalation,' said
the foreign minister of X") and in sentences in the voice of the article's speaking state: the state
that acts most in the article, clearly more than any other (a statement or press release of that
government). The sentence must name exactly one other state (or international body) as a
political actor, or none, when the judging state acted on one in the two sentences before ("This is
cruel and inexcusable."); the cue words of `stance_cues` in
interaction_words.json, read in order (threats, demands, accusations, criticism), give the code.
"""

from __future__ import annotations

from spacy.tokens import Span

from pipeline.nlp.interactions.actors import Actor
from pipeline.nlp.interactions.events import ActContext, DirectedAct, event_code, state_key, states_of

# How many sentences after the speaking state's last act on a state a judgement naming no state is
# still about that state.
CARRIED_TARGET_SENTENCES = 2


def _reporters(sentence: Span, context: ActContext) -> list[Actor] | None:
    """The states whose words the sentence reports ("X said ...", "according to X"); None when
    someone who is no state's actor is quoted ("according to analysts")."""
    words = context.words
    found: dict[str, Actor] = {}
    for token in sentence:
        if token.lemma_.lower() in words.reporting_verbs and token.pos_ == "VERB":
            heads = context.subject_heads(token)
        elif token.lower_ == "according" and token.i + 1 < sentence.end and token.doc[token.i + 1].lower_ == "to":
            heads = [c for c in token.doc[token.i + 1].children if c.dep_ == "pobj"]
            if not states_of([a for head in heads for a in context.index.actors_of(head)]):
                return None
        else:
            continue
        for state in states_of([a for head in heads for a in context.index.actors_of(head)]):
            found.setdefault(state_key(state), state)
    return list(found.values())


def _other_states(sentence: Span, context: ActContext, speaker_key: str) -> list[Actor]:
    """The states other than the speaker's that the sentence names; a state named only as the place
    of something ("talks in Norway", "escalation in X") counts only when no other state is
    named."""
    found: dict[str, Actor] = {}
    places: dict[str, Actor] = {}
    for token in sentence:
        actor = context.index.at_token.get(token.i) or context.index.actor_of(token)
        if actor is None:
            continue
        is_place = token.dep_ == "pobj" and token.head.lower_ in context.words.meeting_place_prepositions
        for state in states_of([actor]):
            if state_key(state) != speaker_key:
                (places if is_place else found).setdefault(state_key(state), state)
    return list(found.values()) or list(places.values())


def stance_act(sentence: Span, context: ActContext, voiced: bool, taken: set[tuple[str, str, str]],
               sentence_index: int) -> DirectedAct | None:
    """The judgement the sentence states of the one other state it names, or, when it names none
    ("This is unacceptable.", "We will not tolerate such threats."), of the state the judge acted on
    in the last sentences. The judge is the state whose official the sentence quotes ("'This is a
    new escalation,' said the foreign minister of X"), else, in an article in its voice, the
    speaking state."""
    reporters = _reporters(sentence, context)
    if reporters is None or len(reporters) > 1:
        return None
    if reporters:
        [judge] = reporters
    elif voiced and context.speaker is not None:
        judge = context.speaker
    else:
        return None
    judge_key = state_key(judge)
    targets = _other_states(sentence, context, judge_key)
    if not targets and judge_key in context.last_targets:
        previous, at = context.last_targets[judge_key]
        if sentence_index - at <= CARRIED_TARGET_SENTENCES:
            targets = [previous]
    if len(targets) != 1 or any(source == judge_key and target == state_key(targets[0]) for source, target, _ in taken):
        return None
    text = sentence.text
    for code_text, cues in context.words.stance_cues:
        if cues.search(text):
            code = event_code(context.actors, code_text)
            if code is None:
                return None
            if (judge_key, code.root) in {(source, root) for source, _, root in taken}:
                return None  # "called the test reckless": the judge's verb already said it
            root = sentence.root
            return DirectedAct(root, code, [judge], targets, root if root.pos_ in ("VERB", "AUX") else None)
    return None
