"""The Spend page: the plan's money, budgets, trajectories and what the money buys."""
