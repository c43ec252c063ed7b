from .by_hand import inputs, two_two_one

NUMBERS = {"03-bias-hidden": lambda: two_two_one(*inputs())[1]}
