console.log("start: todo")
