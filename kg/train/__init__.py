"""Teaching kg: training examples, the relation model's training and its evaluation."""
