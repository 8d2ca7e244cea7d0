"""What changed in the relationships: derived from the log (what is kept for speed is
rebuilt from it).

- :mod:`.model`: a change of one relationship (:class:`StateChange`), its stable id, filters;
- :mod:`.compare`: the changes between two states, each judged on its date (on
  :func:`tracker.projections.diff`);
- :mod:`.marks`: each fact's path through valid time, and the changes of a window read off it;
- :mod:`.stored`: the marks kept beside the log, a follower of it;
- :mod:`.windows`: what happened between two valid dates, what was learned since a moment;
- :mod:`.atom`: the changes as an Atom 1.0 feed.
"""

from tracker.changes.model import KINDS, ChangeFilter, StateChange, WatchKind, change_id
from tracker.changes.windows import happened, learned

__all__ = ["KINDS", "ChangeFilter", "StateChange", "WatchKind", "change_id", "happened", "learned"]
