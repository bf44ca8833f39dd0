"""Housing pages, by area: the board and stays, the inventory, the waiting list, figures."""
