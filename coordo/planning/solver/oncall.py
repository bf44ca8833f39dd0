"""The on-call rotas (O1–O3 and the two balance terms) as one small CP-SAT model.

Rotas share nothing with the shifts nor with each other, so each is solved on its
own, before the shifts.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ortools.sat.python import cp_model

from .cpsat import Groups
from .model import Rota
from .rules import Facts, touched


def allowed(rota: Rota) -> dict[str, list[str]]:
    """Period id -> the members present on every date it touches (O2)."""
    return {
        g.id: [c.id for c in rota.members if not any(c.is_absent(d) for d in touched(g))]
        for g in rota.periods
    }


class RotaModel:
    """Some rotas (all by default) in one model; rotas share nothing, so a solve takes
    them one at a time and explanations take them all at once."""

    def __init__(
        self, facts: Facts, rotas: Sequence[Rota] | None = None, *, explain: bool = False
    ) -> None:
        self.facts = facts
        self.model = m = cp_model.CpModel()
        self.groups = Groups(m, explain)
        self.y: dict[tuple[str, str], cp_model.IntVar] = {}
        terms: list[cp_model.LinearExprT] = []
        for rota in facts.instance.rotas if rotas is None else rotas:
            ok = allowed(rota)
            for g in rota.periods:
                for cid in ok[g.id]:
                    self.y[g.id, cid] = m.new_bool_var(f"y{g.id}_{cid}")
                holders = [self.y[g.id, cid] for cid in ok[g.id]]
                self.groups.add(("O1", g.id), m.add(sum(holders) == 1))
            for before, g in zip(rota.periods, rota.periods[1:], strict=False):
                for c in rota.members:
                    if (before.id, c.id) in self.y and (g.id, c.id) in self.y:
                        both = [~self.y[before.id, c.id], ~self.y[g.id, c.id]]
                        self.groups.add(("O3", rota.id, g.id), m.add_bool_or(both))
            if not explain:
                terms += self._balance(rota, "oncall_balance", lambda g: len(touched(g)))
                terms += self._balance(rota, "oncall_weekend_balance", lambda g: int(g.weekend))
        if explain:
            self.groups.assume()
        else:
            m.minimize(sum(terms))

    def _balance(self, rota: Rota, weight: str, amount: Callable) -> list[cp_model.LinearExprT]:
        """w × Σ_members |M·held_c − total|, with held_c the amount member c holds."""
        w = self.facts.weights[weight]
        total = sum(amount(g) for g in rota.periods)
        if not w:
            return []
        size = len(rota.members)
        out: list[cp_model.LinearExprT] = []
        for c in rota.members:
            held = sum(
                amount(g) * self.y[g.id, c.id] for g in rota.periods if (g.id, c.id) in self.y
            )
            gap = self.model.new_int_var(0, size * total + total, f"gap_{weight}_{c.id}")
            self.model.add(gap >= size * held - total)
            self.model.add(gap >= total - size * held)
            out.append(w * gap)
        return out

    def decode(self, value: Callable[[cp_model.IntVar], int]) -> dict[str, str]:
        return {g: c for (g, c), var in self.y.items() if value(var)}
