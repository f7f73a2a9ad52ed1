"""The numbers the notebooks' prose quotes are the numbers in their stored outputs.

Each entry names a headline key (the last code cell's `key: value` lines) and the decimal
places the text uses ("%1": a percentage with one decimal); the text must contain that
value written the Polish way (0,309; 19,6%).
"""
import re

import nbformat
import pytest
from course import headline

from conftest import ROOT

QUOTED = {
    "01_rnn": {"persistence_rmse": 3, "lstm_rmse_mean": 3, "gru_rmse_mean": 3,
               "lstm_params": 0, "gru_params": 0, "lstm_epoch_seconds": 3, "gru_epoch_seconds": 3,
               "simplernn_accuracy_at_N": 3, "lstm_accuracy_at_N": 3, "gru_accuracy_at_N": 3,
               "co2_seasonal_naive_rmse": 3, "co2_linear_rmse": 3, "char_lstm_perplexity": 2,
               "co2_linear12_rmse": 3, "co2_linear_window": 0, "co2_train_max_exceeded_months": 0},
    "02_cnn": {"cnn_test_accuracy": 4, "dense_test_accuracy": 4, "cnn_epochs_to_0991": 1,
               "cnn_seconds_to_0991": 0, "cnn_seconds_per_epoch": 1, "cnn_floor_seconds_per_epoch": 1,
               "adadelta_accuracy_at_equal_time": 4,
               "cnn_shift2_accuracy": 4, "dense_shift2_accuracy": 4,
               "cnn_shift3_accuracy": 4, "dense_shift3_accuracy": 4, "cnn_tuned_shift3_accuracy": 4,
               "cnn_shift2_maps_moved_back_accuracy": 4, "cnn_augmented_shift3_accuracy": 4},
    "03_autoencoder": {"ae_mse_k32": 4, "pca_mse_k32": 4, "linear_ae_mse_k32": 4,
                       "compression_ratio_k32": 1, "noisy_psnr": 1, "denoised_psnr": 1,
                       "sparse_active_fraction": "%1", "plain_active_fraction": "%1",
                       "basic_ae_mse_loss_mse": 4, "basic_ae_bce_loss_mse": 4,
                       "knn2d_accuracy_ae": 3, "knn2d_accuracy_pca": 3, "ae_code_psnr": 1,
                       "jpeg_psnr_at_code_bytes": 1, "jpeg_psnr_at_128_bytes": 1,
                       "blank_psnr": 1, "median_filter_psnr": 1},
    "04_word_embeddings": {"cbow_speedup": 1, "cbow_equal_steps_speedup": 1, "gensim_cbow_speedup": 1,
                           "skipgram_frequent_score": 3, "cbow_frequent_score": 3,
                           "cbow_equal_epochs_frequent_score": 3, "skipgram_rare_score": 3,
                           "cbow_rare_score": 3, "skipgram_small_data_score": 3,
                           "cbow_small_data_score": 3, "skipgram_frequent_overlap": 3,
                           "cbow_frequent_overlap": 3, "cbow_equal_epochs_frequent_overlap": 3,
                           "reference_frequent_overlap": 3, "reference_rare_overlap": 3,
                           "test_words": 0, "analogy_accuracy": 3},
    "05_nmt": {"bleu_seq2seq": 1, "bleu_attention": 1, "bleu_transformer": 1, "exact_match_seq2seq": 3,
               "exact_match_attention": 3, "bleu_seq2seq_beam3": 1, "bleu_seq2seq_beam5": 1,
               "bleu_seq2seq_long": 1, "bleu_attention_long": 1, "bleu_transformer_long": 1,
               "bleu_seq2seq_unseen": 1, "bleu_attention_unseen": 1, "bleu_transformer_unseen": 1,
               "exact_match_attention_unseen": 3, "exact_match_transformer_unseen": 3,
               "alignment_accuracy_attention": 3, "alignment_accuracy_transformer": 3,
               "alignment_next_word_attention": 3, "beam_model_error_share": 3, "bleu_by_hand": 2,
               "bpe_merges": 0},
}
CASES = [(stem, key, digits) for stem, keys in QUOTED.items() for key, digits in keys.items()]


def polish(value, digits):
    """A number as the Polish text writes it: decimal comma, no thousands separator.
    digits "%1" writes a fraction as a percentage with one decimal (0.1964 -> 19,6%)."""
    if str(digits).startswith("%"):
        return f"{100 * float(value):.{int(digits[1:])}f}%".replace(".", ",")
    return f"{float(value):.{digits}f}".replace(".", ",")


@pytest.mark.parametrize("stem, key, digits", CASES, ids=[f"{s}-{k}" for s, k, _ in CASES])
def test_prose_quotes_the_stored_number(stem, key, digits):
    ipynb = nbformat.read(ROOT / "notebooks" / f"{stem}.ipynb", as_version=4)
    expected = polish(headline(ipynb)[key], digits)
    prose = "\n".join(cell.source for cell in ipynb.cells if cell.cell_type == "markdown")
    assert re.search(rf"(?<![\d,]){re.escape(expected)}(?!\d)", prose), (
        f"{stem}: tekst nie podaje {key} = {expected} z zapisanego wyniku; popraw tekst notatnika")
