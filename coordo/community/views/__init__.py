"""Community pages, by area: the programme, attendance and figures, the public programme."""
