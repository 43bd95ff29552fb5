"""A government's own statement about another state: criticism, accusations, demands and threats
that no verb states ("Iran plays an unacceptable role in destabilising the region", "This will not be
tolerated").

Only sentences in the voice of the article's speaking state count: the state that acts most in the
article, clearly more than any other (a statement or press release of that government), and not
sentences that report someone else's words ("X said"). The sentence must name exactly one other
state (or international body) as a political actor, or none, when the speaking state acted on one in
the two sentences before ("This is cruel and inexcusable."); the cue words of `stance_cues` in
interaction_words.json, read in order (threats, demands, accusations, criticism), give the code.
"""

from __future__ import annotations

from spacy.tokens import Span

from pipeline.nlp.interactions.actors import Actor
from pipeline.nlp.interactions.events import ActContext, DirectedAct, event_code, state_key, states_of

# How many sentences after the speaking state's last act on a state a judgement naming no state is
# still about that state.
CARRIED_TARGET_SENTENCES = 2


def _reported_by_other(sentence: Span, context: ActContext, speaker_key: str) -> bool:
    """"X said ...", "according to X": the words are X's, unless X is the speaking state."""
    words = context.words
    for token in sentence:
        if token.lemma_.lower() in words.reporting_verbs and token.pos_ == "VERB":
            sources = states_of([a for head in context.subject_heads(token) for a in context.index.actors_of(head)])
            if any(state_key(s) != speaker_key for s in sources):
                return True
        if token.lower_ == "according" and token.i + 1 < sentence.end and token.doc[token.i + 1].lower_ == "to":
            return True
    return False


def _other_states(sentence: Span, context: ActContext, speaker_key: str) -> list[Actor]:
    """The states other than the speaker's that the sentence names; a state named only as the place
    of something ("talks in Switzerland", "escalation in X") counts only when no other state is
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


def stance_act(sentence: Span, context: ActContext, voiced: bool, taken: set[tuple[str, str]],
               sentence_index: int) -> DirectedAct | None:
    """The speaking state's judgement of the one other state the sentence names, or, when it names
    none ("This is unacceptable.", "We will not tolerate such threats."), of the state it acted on in
    the last sentences."""
    speaker = context.speaker
    if not voiced or speaker is None:
        return None
    speaker_key = state_key(speaker)
    targets = _other_states(sentence, context, speaker_key)
    if not targets and context.last_target is not None:
        previous, at = context.last_target
        if sentence_index - at <= CARRIED_TARGET_SENTENCES:
            targets = [previous]
    if len(targets) != 1 or (speaker_key, state_key(targets[0])) in taken:
        return None
    if _reported_by_other(sentence, context, speaker_key):
        return None
    text = sentence.text
    for code_text, cues in context.words.stance_cues:
        if cues.search(text):
            code = event_code(context.actors, code_text)
            if code is None:
                return None
            root = sentence.root
            return DirectedAct(root, code, [speaker], targets, root if root.pos_ in ("VERB", "AUX") else None)
    return None
