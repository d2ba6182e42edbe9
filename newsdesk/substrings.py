"""Which of many strings hold a text: "minho" in "leeminho", "dream" in "sweet dreams".

The strings are kept as the lines of one joined string, so str.find does the scan at
C speed instead of a pass in Python over every string; a found offset maps back to
its string by bisection. Used by the in-memory indexes of people's name keys
(people.index) and of drama titles (dramas.index).
"""

import bisect


class Lines:
    def __init__(self, strings):
        self._starts, offset = [], 0
        for string in strings:
            self._starts.append(offset)
            offset += len(string) + 1
        self._joined = "\n".join(strings)

    def holding(self, text):
        """The positions of the strings that hold `text`, in order, each once."""
        if not text or "\n" in text:
            return
        at = self._joined.find(text)
        while at != -1:
            line = bisect.bisect_right(self._starts, at) - 1
            yield line
            if line + 1 == len(self._starts):
                return
            at = self._joined.find(text, self._starts[line + 1])
