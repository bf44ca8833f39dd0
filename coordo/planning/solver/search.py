"""`solve`: checks, presolve, a warm start, then each part by CP-SAT and by windows.

The time limit covers the whole call. Parts get shares of the remaining time in
proportion to their size, so time a part does not need (proven optimal early) goes
to the next ones. Within a part, the full CP-SAT model (its LP proves the bound)
runs in a background thread while the window search improves the plan in the
foreground, one core each. `should_stop` stops the running CP-SAT searches
(StopSearch) and skips what is left, keeping the best plan found.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping, Sequence

from ortools.sat.python import cp_model

from .board import Board
from .cpsat import PartModel, make_solver
from .explain import explain, precheck
from .flow import Relaxation
from .greedy import greedy_plan
from .lns import WindowSearch
from .model import Instance, Progress, Solution, Status
from .oncall import RotaModel
from .problem import Part, Problem, build_problem, split_parts
from .rules import Facts, derive, evaluate

StopCheck = Callable[[], bool]
ROTA_SHARE = 0.05  # of the time left, at most, for one (small) on-call rota
WARM_SHARE = 0.5  # of the time limit at most for the warm start beyond its first round
FULL_MODEL_SECONDS = 3.0  # a part's share below which its full model is not worth running


def solve(
    instance: Instance,
    *,
    time_limit: float,
    workers: int = 2,
    on_progress: Callable[[Progress], None] | None = None,
    should_stop: StopCheck | None = None,
) -> Solution:
    """Plans the shifts and on-call periods of `instance` within `time_limit` seconds."""
    started = time.monotonic()
    # Keep a little time to assemble and score the plan after the last search.
    deadline = started + time_limit - min(0.5, 0.05 * time_limit)
    facts = derive(instance)
    conflicts = precheck(facts)
    problem = build_problem(facts)
    if not conflicts and problem.short():
        conflicts = explain(facts, _left(deadline))
    if conflicts:
        seconds = time.monotonic() - started
        return Solution(
            instance.name, "infeasible", None, None, seconds, conflicts=tuple(conflicts)
        )
    search = _Search(facts, problem, started, deadline, workers, should_stop or (lambda: False))
    return search.run(on_progress)


def _left(deadline: float) -> float:
    return max(0.0, deadline - time.monotonic())


class _Search:
    def __init__(
        self,
        facts: Facts,
        problem: Problem,
        started: float,
        deadline: float,
        workers: int,
        should_stop: StopCheck,
    ) -> None:
        self.facts, self.problem = facts, problem
        self.started, self.deadline = started, deadline
        self.workers, self.should_stop = workers, should_stop
        self.parts = split_parts(problem)

    def run(self, on_progress: Callable[[Progress], None] | None) -> Solution:
        problem = self.problem
        self.board = board = Board(problem, self.parts, self.started, on_progress)
        relaxations = [Relaxation(problem, part) for part in self.parts]
        for i, relaxation in enumerate(relaxations):
            board.raise_bound(i, relaxation.bound() or 0)
        # Flow rounds improve the start more than window search does in the same time;
        # the cap only matters for very short limits.
        warm = self.started + WARM_SHARE * (self.deadline - self.started)
        start = greedy_plan(problem, [pair for r in relaxations for pair in r.pairs(warm)])
        for i, part in enumerate(self.parts):
            if self._complete(part, start):
                board.offer(i, {s: start[s] for s in part.shifts})
        self._solve_rotas()
        # Parts without a plan go first: a complete plan to show comes sooner.
        order = sorted(range(len(self.parts)), key=lambda i: board.best[i].plan is not None)
        for k, i in enumerate(order):
            if board.rotas.status == "infeasible" or self.should_stop() or not _left(self.deadline):
                break
            share = sum(self.parts[j].size for j in order[k:])
            self._solve_part(i, start, _left(self.deadline) * self.parts[i].size / share)
            if board.best[i].status == "infeasible":
                break
        board.report(final=True)
        return self._solution()

    def _complete(self, part: Part, plan: Mapping[int, Sequence[int]]) -> bool:
        f = self.facts
        return all(
            len(plan[s]) == f.instance.shifts[s].required
            and (f.speakers[s] is None or not f.speakers[s].isdisjoint(plan[s]))  # type: ignore[union-attr]
            for s in part.shifts
        )

    def _solve_rotas(self) -> None:
        plan: dict[str, str] = {}
        objective = bound = 0
        statuses = set()
        for rota in self.facts.instance.rotas:
            model = RotaModel(self.facts, [rota])
            solver = make_solver(max(0.1, ROTA_SHARE * _left(self.deadline)), 1)
            status = solver.solve(model.model)
            statuses.add(_status(status))
            if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
                break
            plan.update(model.decode(solver.boolean_value))
            objective += round(solver.objective_value)
            bound += max(0, round(solver.best_objective_bound))
        worst = next((s for s in ("infeasible", "unknown", "feasible") if s in statuses), "optimal")
        found = worst in ("optimal", "feasible")
        self.board.set_rotas(plan if found else None, objective, bound, worst)

    def _solve_part(self, i: int, start: Mapping[int, Sequence[int]], seconds: float) -> None:
        """The full model and the window search, side by side when there are two cores.

        The full model needs a few seconds of presolve before its LP bound helps; on a
        shorter share the window search alone gets every worker."""
        deadline = time.monotonic() + seconds
        board, best = self.board, self.board.best[i]
        windows = WindowSearch(self.problem, self.parts[i])

        def search_windows(until: float, workers: int, done: StopCheck) -> None:
            if best.plan is not None:
                windows.run(
                    lambda: best.plan,  # type: ignore[arg-type, return-value]
                    lambda plan: board.offer(i, plan),
                    until,
                    lambda: done() or best.settled or self.should_stop(),
                    workers,
                )

        if best.plan is not None and seconds < FULL_MODEL_SECONDS:
            search_windows(deadline, self.workers, lambda: False)
            return
        # Built here, not in the thread: building is Python and would wait for the GIL.
        model = PartModel(self.problem, self.parts[i])
        model.hint(start)
        if self.workers == 1:
            search_windows(time.monotonic() + seconds / 2, 1, lambda: False)
            if best.plan is not None:
                model.model.clear_hints()
                model.hint(best.plan)  # type: ignore[arg-type]
            self._full(i, model, deadline, 1)
            return
        finished = threading.Event()
        failed: list[BaseException] = []

        def full() -> None:
            try:
                self._full(i, model, deadline, self.workers - 1)
            except BaseException as exc:  # handed to the caller below
                failed.append(exc)
            finally:
                finished.set()

        thread = threading.Thread(target=full, daemon=True)
        thread.start()
        search_windows(deadline, 1, finished.is_set)
        thread.join()
        if failed:
            raise failed[0]

    def _full(self, i: int, model: PartModel, deadline: float, workers: int) -> None:
        if self.board.best[i].settled or not _left(deadline):
            return
        solver = make_solver(_left(deadline), workers)
        solver.best_bound_callback = lambda bound: self._bound(i, bound, solver)
        callback = _Callback(self.board, i, model, self.should_stop)
        watcher = _Watcher(solver, lambda: self.should_stop() or self.board.best[i].settled)
        try:
            status = solver.solve(model.model, callback)
        finally:
            watcher.done()
        if status == cp_model.INFEASIBLE:
            self.board.best[i].status = "infeasible"
        elif status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            self.board.offer(i, model.decode(solver.boolean_value))
            optimal = status == cp_model.OPTIMAL
            proven = solver.objective_value if optimal else solver.best_objective_bound
            self.board.raise_bound(i, proven)

    def _bound(self, i: int, bound: float, solver: cp_model.CpSolver) -> None:
        self.board.raise_bound(i, bound)
        if self.board.best[i].settled:
            solver.stop_search()  # the window search already reached the bound

    def _solution(self) -> Solution:
        board, name = self.board, self.facts.instance.name
        states = [board.rotas, *board.best]
        if any(b.status == "infeasible" for b in states):
            conflicts = explain(self.facts, max(1.0, _left(self.deadline)))
            seconds = time.monotonic() - self.started
            return Solution(name, "infeasible", None, None, seconds, conflicts=tuple(conflicts))
        if not board.complete():
            return Solution(name, "unknown", None, None, time.monotonic() - self.started)
        assignments, oncall = board.plan()
        index = self.facts.person_index
        score = evaluate(
            self.facts,
            {s: [index[pid] for pid in a.people] for s, a in enumerate(assignments)},
            {a.period: a.person for a in oncall},
        )
        status: Status = "optimal" if all(b.status == "optimal" for b in states) else "feasible"
        first = board.first_seconds
        return Solution(
            instance=name,
            status=status,
            objective=score.objective,
            bound=min(board.totals()[1], score.objective),
            solve_seconds=round(time.monotonic() - self.started, 3),
            assignments=assignments,
            oncall=oncall,
            terms=score.terms,
            first_solution_seconds=None if first is None else round(first, 3),
        )


class _Callback(cp_model.CpSolverSolutionCallback):
    """Hands each improving plan of a part to the board; stops when the caller wants."""

    def __init__(self, board: Board, index: int, model: PartModel, should_stop: StopCheck) -> None:
        super().__init__()
        self.board, self.index, self.should_stop = board, index, should_stop
        self.shifts = model.part.shifts
        self.keys = list(model.x)
        self.columns = [var.index for var in model.x.values()]

    def on_solution_callback(self) -> None:
        if self.should_stop():
            self.stop_search()
        objective = round(self.objective_value)
        best = self.board.best[self.index]
        if best.plan is not None and objective >= best.objective:
            return
        values = self.response_proto.solution
        plan: dict[int, list[int]] = {s: [] for s in self.shifts}
        for (p, s), column in zip(self.keys, self.columns, strict=True):
            if values[column]:
                plan[s].append(p)
        self.board.offer(self.index, plan)
        self.board.raise_bound(self.index, self.best_objective_bound)


class _Watcher:
    """Polls `should_stop` while CP-SAT runs, since a search proving optimality may
    find no new solution (and so call no callback) for a long time."""

    def __init__(self, solver: cp_model.CpSolver, should_stop: StopCheck) -> None:
        self.finished = threading.Event()
        self.thread = threading.Thread(target=self._poll, args=(solver, should_stop), daemon=True)
        self.thread.start()

    def _poll(self, solver: cp_model.CpSolver, should_stop: StopCheck) -> None:
        while not self.finished.wait(0.05):
            if should_stop():
                solver.stop_search()
                return

    def done(self) -> None:
        self.finished.set()
        self.thread.join()


def _status(status: cp_model.CpSolverStatus) -> str:
    return {
        cp_model.OPTIMAL: "optimal",
        cp_model.FEASIBLE: "feasible",
        cp_model.INFEASIBLE: "infeasible",
    }.get(status, "unknown")
