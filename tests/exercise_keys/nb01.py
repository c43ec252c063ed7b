NUMBERS = {
    "01-one-step": lambda: 1 / (2 * 3.0**2),  # 1 - 2 R x² = 0
    "01-diverge": lambda: 1 / 3.0**2,  # 1 - 2 R x² = -1
}
