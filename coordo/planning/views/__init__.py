"""Planning pages, by area: plannings, setup, the team, my shifts, swaps, rotas, the printout."""
