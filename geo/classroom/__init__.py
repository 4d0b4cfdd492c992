"""The classroom: the story and teachers' lessons (one step table), the quiz, the comparison of two
dates or perspectives, and what a shared link selects."""
