"""The rules of the key-project ledger, one module per subject:

- ``dates``: Dates and amounts in words shared by the project rules.
- ``permissions``: Who may edit a project, lead a department's work, handle or reassign a problem.
- ``schedules``: Backward schedules from node templates, milestone edits, the baseline and lag in words.
- ``stages``: Dated, reasoned stage changes of a project.
- ``investment``: Annual plans and monthly cumulative completed investment; 序时进度.
- ``problems``: The problem workflow: 交办 → 办理中 → 已反馈 → 已销号.
- ``lights``: The warning lights: rules (thresholds as data), facts loaded in bulk, recompute and history.

Every write goes through a function here (keyword-only, ``<entity>_<action>``), raises a
``ValidationError`` with a Chinese message and changes nothing when a rule is broken, and
saves through the model so the audit log records who, when, before and after.
"""

from .dates import *  # noqa: F403
from .investment import *  # noqa: F403
from .lights import *  # noqa: F403
from .permissions import *  # noqa: F403
from .problems import *  # noqa: F403
from .schedules import *  # noqa: F403
from .stages import *  # noqa: F403
