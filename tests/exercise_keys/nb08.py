"""Notebook 08's keys: the loss evaluations of a full gradient check counted by hand, and the
softmax + cross-entropy output delta of a batch written as a learner would (right and wrong)."""

import numpy as np


def gradcheck_losses():
    weights = 64 * 50 + 50 * 10
    biases = 50 + 10
    return 2 * (weights + biases)  # L(θ + ε) and L(θ - ε) for every parameter


def output_delta(Z, Y):
    exp = np.exp(Z - Z.max(axis=0))
    y_hat = exp / exp.sum(axis=0)
    m = Z.shape[1]
    return (y_hat - Y) / m


def forgot_one_over_m(Z, Y):
    y_hat = np.exp(Z) / np.sum(np.exp(Z), axis=0)
    return y_hat - Y


def softmax_along_rows(Z, Y):
    exp = np.exp(Z)
    y_hat = exp / exp.sum(axis=1, keepdims=True)  # normalised over the batch
    return (y_hat - Y) / len(Z[0])


def sign_flipped(Z, Y):
    exp = np.exp(Z - Z.max(axis=0))
    return (Y - exp / exp.sum(axis=0)) / Z.shape[1]


def divided_by_classes(Z, Y):
    exp = np.exp(Z - Z.max(axis=0))
    return (exp / exp.sum(axis=0) - Y) / len(Z)  # len(Z) counts the rows: the classes


NUMBERS = {"08-gradcheck-losses": gradcheck_losses}
CODE = {
    "08-output-delta": {
        "solution": output_delta,
        "wrong": {
            "1/m forgotten": forgot_one_over_m,
            "softmax over the examples": softmax_along_rows,
            "sign": sign_flipped,
            "divided by the classes": divided_by_classes,
        },
    }
}
