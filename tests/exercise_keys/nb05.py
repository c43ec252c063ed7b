from .by_hand import inputs, two_two_one


def bias_batch():
    x1, x2, y_t = inputs()
    return (two_two_one(x1, x2, y_t)[0] + two_two_one(x2, x1, y_t)[0]) / 2


NUMBERS = {"05-bias-batch": bias_batch}
